-- Teaches: wait_for(x, nil) waits with no time limit (asyncio.wait_for(x, None)):
-- for a task it is join() that can still be cancelled from outside; a function runs
-- in the caller's own task, no new task is made. A cancellation from outside ends it
-- with Cancelled, never Timeout.

local function slow(name, d)
  sleep(d)
  return name .. " after " .. d .. " s"
end

local t = spawn(slow, "a task", 2)
print("main: " .. wait_for(t, nil))
print("main: " .. wait_for(slow, nil, "a function", 3))

local waiter = spawn(function()
  local ok, err = pcall(wait_for, slow, nil, "never", 100)
  print("waiter: wait_for raised " .. err.kind)
  error(err)
end)
sleep(1)
waiter:cancel()
pcall(waiter.join, waiter)
print("main: the waiter is cancelled: " .. tostring(waiter:cancelled()))
print("main: the next task is " .. spawn(function() end):name() .. ": wait_for made no task")
