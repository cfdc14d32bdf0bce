-- Teaches: gather() waits for several tasks at once and returns their results in
-- the order you gave them; if one fails, gather raises its error.
--
-- A travel site asks three airlines for a price. Each one answers after its own
-- delay. gather returns the prices in the order the airlines were asked, not the
-- order the answers came in, and the total wait is the slowest answer (0.3 s), not
-- the sum of all three. Then an airline's server is down: gather raises that error
-- as soon as it happens, while the other request keeps running and can still be
-- joined later.

local function quote(airline, seconds, price)
  sleep(seconds)
  print(("%.1f %s answers %d"):format(now(), airline, price))
  return price
end

local function offline(airline, seconds)
  sleep(seconds)
  error(airline .. " is offline", 0)   -- level 0: the message without a position
end

local a, b, c = gather(
  spawn(quote, "Albatross Air", 0.3, 120),
  spawn(quote, "Budget Wings", 0.1, 95),
  spawn(quote, "Condor Lines", 0.2, 140))
print(("%.1f prices in the order asked: %d, %d, %d"):format(now(), a, b, c))

local slow = spawn(quote, "Albatross Air", 0.3, 125)
local ok, err = pcall(gather, slow, spawn(offline, "Budget Wings", 0.1))
print(("%.1f gather failed: %s"):format(now(), err))
print(("%.1f the slow request is still running: %s"):format(now(), slow:done() and "no" or "yes"))
local price = slow:join()
print(("%.1f and its price arrives anyway: %d"):format(now(), price))
