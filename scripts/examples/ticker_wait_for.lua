-- Teaches: wait_for() on a task resumes its caller one loop iteration after the
-- task ends, as join() does. wait_for() on a function makes no task: the function
-- runs in the caller's own task (as asyncio 3.12+ awaits a coroutine), so the
-- caller goes on in the same step in which the function returns.
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- The task ends in the iteration of tick 2 and the main chunk resumes after tick
-- 3. The function's first step is part of that same step of the main chunk; its
-- second comes after tick 4, and the main chunk prints its result right away,
-- before tick 5.

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    sleep(0)
  end
end

local function job(name)
  print(name .. ": first step")
  sleep(0)
  print(name .. ": second step, and done")
  return name .. "'s result"
end

local ticks = spawn(ticker, 7)
local task = spawn(job, "task")
print("main: wait_for on a task")
print("main: got " .. wait_for(task, 10))
print("main: wait_for on a function")
print("main: got " .. wait_for(job, 10, "function"))
ticks:join()
