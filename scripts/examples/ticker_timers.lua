-- Teaches: a timer that fires does not run its task at once. At the start of each
-- loop iteration the timers that are due join the back of the ready queue, in
-- deadline order; a timer of sleep() then completes what the sleeping task waits
-- for, and the task itself runs in the next iteration. A wait() timeout is a
-- timer too, and wakes its caller the same way.
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- At tick 2 it blocks the whole loop for 0.4 s (block() is time.sleep() inside
-- async code), so when the loop runs again, three timers are overdue at once:
-- Bo's (0.1 s), Al's (0.2 s) and the main chunk's wait() timeout (0.3 s). They
-- fire in the iteration of tick 3, in deadline order, and their tasks run in the
-- iteration of tick 4, in the same order.

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    if i == 2 then
      print("ticker: blocks the loop for 0.4 s")
      block(0.4)
    end
    sleep(0)
  end
end

local function sleeper(name, seconds)
  print(("%s: sleeps %.1f s"):format(name, seconds))
  sleep(seconds)
  print(name .. ": wakes up")
end

local ticks = spawn(ticker, 6)
spawn(sleeper, "Al", 0.2)
spawn(sleeper, "Bo", 0.1)
print("main: waits for the ticker, at most 0.3 s")
local done, pending = wait({ticks}, {timeout = 0.3})
print(("main: the wait timed out, %d done, %d pending"):format(#done, #pending))
ticks:join()
