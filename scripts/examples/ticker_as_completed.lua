-- Teaches: as_completed() hands its caller each task two loop iterations after
-- the task ends, as gather() does: the task's end first runs as_completed's own
-- callback (one iteration), which puts the task in a queue and wakes the caller
-- (the next one).
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- The short worker ends in the iteration of tick 1, the long one in that of tick
-- 3; the main chunk gets the short one after tick 3 and the long one after tick 5.
-- A call_soon callback is one handle too: it runs in the next iteration, after the
-- steps ready before it.

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    sleep(0)
  end
end

local function worker(name, steps)
  for step = 1, steps do
    if step > 1 then sleep(0) end
    print(("%s: step %d of %d"):format(name, step, steps))
  end
  return name
end

local ticks = spawn(ticker, 7)
print("main: waits for two workers as they complete")
call_soon(print, "callback: scheduled before the workers were spawned")
for task in as_completed({spawn(worker, "long", 3), spawn(worker, "short", 1)}) do
  print("main: got " .. task:result())
end
ticks:join()
