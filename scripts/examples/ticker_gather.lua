-- Teaches: gather() resumes its caller two loop iterations after the last of its
-- tasks ends, not one as join() does: in asyncio, each task's end first runs
-- gather's own callback (one iteration), and that callback then wakes the caller
-- (the next one).
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- The short worker ends in the iteration of tick 1, the long one in that of tick
-- 3. The main chunk resumes after tick 5: two iterations later.

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
print("main: gathers two workers")
local a, b = gather(spawn(worker, "short", 1), spawn(worker, "long", 3))
print(("main: gather returned %s and %s"):format(a, b))
ticks:join()
