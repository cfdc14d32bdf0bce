-- Teaches: wait and wait_for take futures as well as tasks. A future that a
-- callback completes wakes its waiter as a task's end does: wait's done-callback
-- runs first, then the waiting task, one iteration later (the ticker counts the
-- iterations). wait_for on a future that is late cancels it, as it cancels a
-- task; with no limit (nil) it just waits; with 0 it returns a done future's
-- result at once.

local function work(name, seconds)
  sleep(seconds)
  return name
end

local ticks = 0
local ticker = spawn(function()
  for i = 1, 5 do
    ticks = i
    sleep(0)
  end
end)
local signal = Future()
call_soon(function() signal:set_result("go") end)
wait({signal})
print(("%.1f signal done after %d ticks"):format(now(), ticks))
ticker:join()

local parcel = Future()
call_later(0.2, function() parcel:set_result("parcel") end)
local job = spawn(work, "job", 0.4)
local done, pending = wait({parcel, job}, {return_when = "first"})
print(("%.1f first done: %d, pending: %d, parcel done: %s"):format(now(), #done, #pending, tostring(parcel:done())))
print(("%.1f done[1] is the parcel: %s, pending[1] is the job: %s"):format(
  now(), tostring(done[1] == parcel), tostring(pending[1] == job)))

done, pending = wait({job, parcel})
print(("%.1f all done: %d, pending: %d"):format(now(), #done, #pending))

local late = Future()
call_later(1, function()
  if not late:cancelled() then late:set_result("too late") end
end)
local ok = pcall(wait_for, late, 0.2)
print(("%.1f wait_for late future fails: %s, the future is cancelled: %s"):format(
  now(), tostring(not ok), tostring(late:cancelled())))

local soon = Future()
call_later(0.1, function() soon:set_result("soon") end)
local value = wait_for(soon, nil)
print(("%.1f wait_for(soon, nil): %s"):format(now(), value))
print(("%.1f wait_for(done future, 0): %s"):format(now(), wait_for(soon, 0)))

local failing = Future()
call_soon(function() failing:set_error("broken") end)
local ok2, err = pcall(wait_for, failing, 1)
print(("%.1f wait_for failing future: %s %s"):format(now(), tostring(ok2), tostring(err)))
