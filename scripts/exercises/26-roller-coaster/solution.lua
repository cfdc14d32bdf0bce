-- Exercise 26: the roller coaster. Read README.md in this folder first.
--
-- A roller coaster car seats three. Six passengers queue for it, one every 0.1 s.
-- The car goes round twice; a ride takes two seconds. It must leave full, and
-- nobody may get on while it is away.

local SEATS, PASSENGERS, RIDES = 3, 6, 2
local aboard, rides = {}, {}          -- who is in the car now; who went on each ride
local seats = Semaphore(0)            -- the car lets on SEATS passengers per ride
local all_aboard = Barrier(SEATS + 1) -- the car and a full load
local all_off = Barrier(SEATS + 1)

local function car()
  for ride = 1, RIDES do
    for _ = 1, SEATS do seats:release() end
    all_aboard:wait()                 -- leave when full
    rides[ride], aboard = aboard, {}
    sleep(2)                          -- ride; the passengers get off at the end
    all_off:wait()
  end
end

local function passenger(name, arrival)
  sleep(arrival)
  seats:acquire()                     -- wait for a seat on this ride
  aboard[#aboard + 1] = name          -- get on
  all_aboard:wait()
  all_off:wait()                      -- ride, and get off
end

local coaster = spawn(car)
local queue = {}
for i = 1, PASSENGERS do queue[i] = spawn(passenger, "P" .. i, 0.1 * i) end
wait(queue)
coaster:join()
for ride, riders in ipairs(rides) do
  table.sort(riders)
  print(("ride %d: %s (%d aboard, the car seats %d)"):format(ride, table.concat(riders, ", "), #riders, SEATS))
end
print(("[%.2f] the park closes"):format(now()))
