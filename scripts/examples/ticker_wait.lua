-- Teaches: wait() resumes its caller two loop iterations after the task it was
-- waiting for ends, with return_when = "first" (any one) as with "all" (the
-- last one): the task's end runs wait's callback in one iteration, and that
-- callback wakes the caller in the next.
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- The quick worker ends in the iteration of tick 1, and wait(..."first") returns
-- after tick 3. The slow worker ends in the iteration of tick 5, and the wait for
-- all of them returns after tick 7.

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
end

local ticks = spawn(ticker, 9)
local workers = {spawn(worker, "quick", 1), spawn(worker, "slow", 5)}
print("main: waits for the first to finish")
local done, pending = wait(workers, {return_when = "first"})
print(("main: %d done, %d pending"):format(#done, #pending))
done, pending = wait(workers, {return_when = "all"})
print(("main: all done: %d done, %d pending"):format(#done, #pending))
ticks:join()
