-- Teaches: cancelling a task that awaits a future cancels the future itself, so
-- every other task awaiting the same future gets Cancelled too (that is what
-- shield is for). The future's done-callbacks run for a cancellation as well.
-- A task waiting in as_completed, when cancelled, stops waiting; the tasks it
-- waited for go on.
--
-- Ann and Ben wait for the same parcel. Ann gives up: the parcel is cancelled, and
-- Ben's wait ends too.

local function wait_for_parcel(name, parcel)
  local ok, value = pcall(parcel.join, parcel)
  if not ok then
    print(("%.1f %s: wait cancelled, parcel cancelled: %s"):format(now(), name, tostring(parcel:cancelled())))
    error(value)
  end
  print(("%.1f %s got %s"):format(now(), name, value))
end

local function watch(tasks)
  local ok, err = pcall(function()
    for task in as_completed(tasks) do
      print(("%.1f watcher: %s finished"):format(now(), task:result()))
    end
  end)
  if not ok then
    print(("%.1f watcher: cancelled"):format(now()))
    error(err)
  end
end

local function work(name, seconds)
  sleep(seconds)
  return name
end

local parcel = Future()
parcel:add_done_callback(function(f)
  print(("%.1f callback: parcel cancelled: %s"):format(now(), tostring(f:cancelled())))
end)
local ann = spawn(wait_for_parcel, "Ann", parcel)
local ben = spawn(wait_for_parcel, "Ben", parcel)
sleep(0.5)
ann:cancel()
wait({ann, ben})
print(("%.1f Ann cancelled: %s, Ben cancelled: %s"):format(now(), tostring(ann:cancelled()), tostring(ben:cancelled())))

local jobs = {spawn(work, "short", 0.1), spawn(work, "long", 1)}
local watcher = spawn(watch, jobs)
sleep(0.5)
watcher:cancel()
wait({watcher})
print(("%.1f long job still running: %s"):format(now(), tostring(not jobs[2]:done())))
print(("%.1f long job returns %s"):format(now(), jobs[2]:join()))
