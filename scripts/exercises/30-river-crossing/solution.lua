-- Exercise 30: the river crossing. Read README.md in this folder first.
--
-- Eight people come to a river, one every 0.1 s: hackers (H) and serfs (S). A
-- rowing boat takes exactly four. Three hackers with one serf, or one hacker with
-- three serfs, fight in the middle of the river: a boat carries four of a kind,
-- or two and two.

local ARRIVALS = {"H1", "H2", "H3", "S1", "S2", "H4", "S3", "S4"}
local boats = {}
local bank = {H = Queue(), S = Queue()}   -- who waits on the bank, by kind, in order

-- Take n people of kind from the bank, in the order they came.
local function take(boarding, kind, n)
  for _ = 1, n do boarding[#boarding + 1] = bank[kind]:get_nowait() end
end

-- Whoever arrives joins the bank and, if a safe load is there, fills a boat. No
-- waiting point between looking at the bank and taking from it.
local function traveller(name, arrival)
  sleep(arrival)
  bank[name:sub(1, 1)]:put_nowait(name)
  local h, s, boarding = bank.H:qsize(), bank.S:qsize(), {}
  if h >= 4 then
    take(boarding, "H", 4)
  elseif s >= 4 then
    take(boarding, "S", 4)
  elseif h >= 2 and s >= 2 then
    take(boarding, "H", 2)
    take(boarding, "S", 2)
  else
    return                           -- wait on the bank for a safe load
  end
  boats[#boats + 1] = boarding
end

local crowd = {}
for i, name in ipairs(ARRIVALS) do crowd[i] = spawn(traveller, name, 0.1 * i) end
wait(crowd)
for i, b in ipairs(boats) do
  table.sort(b)
  local hackers = #table.concat(b):gsub("[^H]", "")
  print(("boat %d: %s (%s)"):format(i, table.concat(b, " "), (hackers == 1 or hackers == 3) and "a fight" or "safe"))
end
