-- Exercise 30: the river crossing. Read README.md in this folder first.
--
-- Eight people come to a river, one every 0.1 s: hackers (H) and serfs (S). A
-- rowing boat takes exactly four. Three hackers with one serf, or one hacker with
-- three serfs, fight in the middle of the river: a boat carries four of a kind,
-- or two and two.

local ARRIVALS = {"H1", "H2", "H3", "S1", "S2", "H4", "S3", "S4"}
local boarding, boats = {}, {}
local boat = Barrier(4)              -- the boat leaves with four

local function traveller(name, arrival)
  sleep(arrival)
  boarding[#boarding + 1] = name     -- get in
  boat:wait()                        -- wait for the boat to fill
  if #boarding == 4 then             -- the first one out writes the crossing down
    boats[#boats + 1] = boarding
    boarding = {}
  end
end

local crowd = {}
for i, name in ipairs(ARRIVALS) do crowd[i] = spawn(traveller, name, 0.1 * i) end
wait(crowd)
for i, b in ipairs(boats) do
  table.sort(b)
  local hackers = #table.concat(b):gsub("[^H]", "")
  print(("boat %d: %s (%s)"):format(i, table.concat(b, " "), (hackers == 1 or hackers == 3) and "a fight" or "safe"))
end
