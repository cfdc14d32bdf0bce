-- Teaches: Event:set() wakes every task waiting for the event at once: they all
-- run in the next loop iteration, in the order they began to wait. They are woken
-- for good: a clear() right after set() does not put them back to sleep, while a
-- task that starts to wait after the clear() waits for the next set().
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- Three runners wait for the starting signal. The main chunk sets it and clears it
-- at once, in the iteration of tick 1; the three runners run after tick 2, and
-- the late one, who comes after the clear(), waits for the second signal.

local signal = Event()

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    sleep(0)
  end
end

local function runner(name)
  print(name .. ": waits for the signal")
  signal:wait()
  print(name .. ": runs")
end

local ticks = spawn(ticker, 6)
local runners = {spawn(runner, "Ada"), spawn(runner, "Bob"), spawn(runner, "Cid")}
sleep(0)                         -- the runners wait
signal:set()
signal:clear()
print("main: set and cleared the signal, is_set: " .. tostring(signal:is_set()))
runners[4] = spawn(runner, "Late")
sleep(0)
sleep(0)
print("main: the second signal")
signal:set()
for _, r in ipairs(runners) do r:join() end
ticks:join()
