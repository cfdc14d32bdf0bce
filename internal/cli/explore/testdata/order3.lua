-- Fails only when three events happen in one particular order among many steps.
local log = {}
local function worker(name, n)
  for i = 1, n do
    sleep(0)
    if i == 3 then log[#log + 1] = name end
  end
end
gather(spawn(worker, "a", 6), spawn(worker, "b", 6), spawn(worker, "c", 6), spawn(worker, "d", 6))
local order = table.concat(log)
print(order:find("dcb") and "bad" or "ok")
