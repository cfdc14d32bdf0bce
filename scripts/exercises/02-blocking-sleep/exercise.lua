-- Exercise 02: the blocking sleep. Read README.md in this folder first.
--
-- A bakery has one oven (a Lock) and two bakers. Each bakes a loaf for 2 seconds
-- while holding the oven. Meanwhile the cashier, who never needs the oven, serves a
-- customer every second.

local function log(fmt, ...)
  print(("[%.1f] " .. fmt):format(now(), ...))
end

local function baker(name, arrives, oven)
  sleep(arrives)
  log("%s waits for the oven", name)
  oven:with(function()
    log("%s puts a loaf in the oven", name)
    block(2)                              -- the loaf bakes
    log("%s takes the loaf out", name)
  end)
end

local function cashier()
  sleep(0.5)
  for customer = 1, 4 do
    log("cashier serves customer %d", customer)
    if customer < 4 then sleep(1) end
  end
end

local oven = Lock()
gather(spawn(baker, "Ada", 0, oven), spawn(baker, "Bo", 0.2, oven), spawn(cashier))
log("bakery closes")
