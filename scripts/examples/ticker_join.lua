-- Teaches: the event loop runs in iterations. In each one, every task that was
-- ready when it began takes one step (up to its next wait); whatever becomes ready
-- during it waits for the next one. A task that joins another resumes one
-- iteration after that task ends.
--
-- The ticker prints "tick N" and calls sleep(0) (back of the queue), so each tick
-- is one iteration of the loop. The worker takes two steps. It ends in the
-- iteration of tick 2; its end wakes the main chunk, which runs in the next
-- iteration, right after tick 3.

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    sleep(0)
  end
end

local function worker()
  print("worker: first step")
  sleep(0)
  print("worker: second step, and done")
end

local ticks = spawn(ticker, 5)
local w = spawn(worker)
print("main: joins the worker")
w:join()
print("main: the worker has ended")
ticks:join()
