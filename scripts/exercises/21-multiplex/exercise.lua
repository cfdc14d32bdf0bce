-- Exercise 21: the dance floor. Read README.md in this folder first.
--
-- The fire code allows two dancers on the floor at once. Four guests arrive at
-- the same moment; each dances for one second, then leaves the floor.

local FLOOR, GUESTS = 2, 4
local dancing, most = 0, 0            -- on the floor now, and at the busiest moment

local function guest(name)
  while dancing >= FLOOR do sleep(0.5) end   -- the floor is full: wait at the bar
  sleep(0.1)                                 -- walk to the floor
  dancing = dancing + 1
  most = math.max(most, dancing)
  sleep(1)                                   -- dance
  dancing = dancing - 1
end

local guests = {}
for i = 1, GUESTS do guests[i] = spawn(guest, "guest " .. i) end
wait(guests)
print(("at most %d dancers on the floor at once (the fire code allows %d)"):format(most, FLOOR))
print(("[%.1f] the music stops"):format(now()))
