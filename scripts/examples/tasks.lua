-- Teaches: spawn() starts a task and returns at once; join() waits for the task
-- and hands back what it returned.
--
-- Making breakfast: the eggs need 0.3 s, the toast 0.2 s. We spawn both jobs and
-- they cook side by side, so breakfast is ready after 0.3 s, not 0.5 s. A spawned
-- task does not start the moment it is spawned: it gets its turn once the task that
-- spawned it waits (here, in join), just like asyncio.create_task.

local started = 0                -- how many cooking jobs have begun

local function cook(seconds)
  local me = current_task():name()
  started = started + 1
  print(("%.1f %s: on the stove"):format(now(), me))
  sleep(seconds)                 -- while this task waits, the other one cooks
  print(("%.1f %s: ready"):format(now(), me))
  return "hot " .. me
end

local eggs = spawn(cook, 0.3)
eggs:set_name("eggs")
local toast = spawn(cook, 0.2)
toast:set_name("toast")
print(("%.1f spawned %s and %s; jobs started so far: %d")
  :format(now(), eggs:name(), toast:name(), started))

local plate = eggs:join()        -- main waits here: now both tasks get their turn
print(("%.1f joined eggs: got %s"):format(now(), plate))
print(("%.1f is the toast done already? %s"):format(now(), toast:done() and "yes" or "no"))
plate = toast:join()             -- already finished, so join returns at once
print(("%.1f joined toast: got %s"):format(now(), plate))
print(("%.1f breakfast is served"):format(now()))
