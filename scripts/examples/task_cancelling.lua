-- Teaches: Task:cancelling() counts the cancellations asked of a task and not yet
-- taken back; Task:uncancel() takes one back (asyncio's cancelling()/uncancel()).
-- A task that catches its Cancelled error and goes on should uncancel() once per
-- cancel(), or code that checks cancelling() (a timeout scope, a task group) will
-- think it is still being cancelled.
--
-- The worker is cancelled twice while it sleeps: it gets one Cancelled error, but
-- cancelling() is 2 until it uncancels twice.

local function worker()
  local me = current_task()
  local ok, err = pcall(sleep, 10)
  print("worker: caught " .. err.kind .. ", cancelling() = " .. me:cancelling())
  print("worker: uncancel() -> " .. me:uncancel())
  sleep(0.1)                          -- not raised again: the task goes on
  print("worker: slept again, cancelling() = " .. me:cancelling())
  print("worker: uncancel() -> " .. me:uncancel())
  return "finished"
end

local w = spawn(worker)
sleep(0.1)
print("main: cancel() -> " .. tostring(w:cancel()))
print("main: cancel() again -> " .. tostring(w:cancel()))
print("main: cancelling() = " .. w:cancelling())
print("main: the worker returned " .. w:join())
print("main: cancelled() = " .. tostring(w:cancelled()) .. ", cancelling() = " .. w:cancelling())
