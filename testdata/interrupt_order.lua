-- Ctrl-C as asyncio.run takes it: the main task is cancelled first (its gather
-- cancels a and b, whose cleanup runs, then main's), and the background task only
-- when the main task has ended. interrupt_test.go presses Ctrl-C at "ready";
-- interrupt_order.py, its twin, sends itself SIGINT there.

local function worker(name)
  local _, err = pcall(sleep, 100)
  print(name .. " cleans up")
  error(err)
end

spawn(function()
  sleep(0.05)
  print("ready")
  worker("background")
end)
local _, err = pcall(gather, spawn(worker, "a"), spawn(worker, "b"))
print("main: gather cancelled")
error(err)
