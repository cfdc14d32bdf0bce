-- Teaches: Condition:notify(n) wakes the first n waiters, notify_all() all of them,
-- in the order they began to wait; but a woken waiter must take the lock back
-- before wait() returns. The notifier holds the lock while it notifies, so the
-- woken run only after it lets go, and then one at a time: each waits in line for
-- the lock while another holds it.
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- Three cooks wait for an order. The main chunk notifies one (Ann), keeps the lock
-- for one more iteration, and releases it: Ann, woken meanwhile, waits for the
-- lock, which stays free (locked() is false) until she runs and takes it. Then notify_all() wakes Ben and Cal: Ben gets the lock, and holds it
-- for an iteration, so Cal gets it only after Ben lets go.

local cond = Condition()

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    sleep(0)
  end
end

local function cook(name)
  cond:with(function()
    print(name .. ": waits for an order")
    cond:wait()
    print(name .. ": woken, has the lock")
    sleep(0)                     -- cooks with the lock held
    print(name .. ": lets go of the lock")
  end)
end

local ticks = spawn(ticker, 14)
local cooks = {spawn(cook, "Ann"), spawn(cook, "Ben"), spawn(cook, "Cal")}
sleep(0)                         -- the cooks wait
cond:acquire()
cond:notify(1)
print("main: notified one, holds the lock one more iteration")
sleep(0)
cond:release()
print("main: released the lock, locked: " .. tostring(cond:locked()))
cooks[1]:join()
cond:with(function()
  cond:notify_all()
  print("main: notified all")
end)
for _, c in ipairs(cooks) do c:join() end
ticks:join()
