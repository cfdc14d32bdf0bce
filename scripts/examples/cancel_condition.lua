-- Teaches: what cancelling a task that waits in Condition:wait() does. wait()
-- always takes the lock back before it returns, even when the task is cancelled:
-- the Cancelled error comes out of wait() with the lock held, and a task
-- cancelled while it waits for the lock gets back in line for it (at the end).
-- A task that was notified and then cancelled passes the notification on.
--
-- Part 1: Ada and Ben wait; the main chunk notifies one (Ada) and cancels her
-- before she runs. Ada takes the lock back, gets Cancelled, and Ben is notified
-- in her place.
-- Part 2: Cy, Dee and Eli are all notified. Cy takes the lock and holds it for an
-- iteration; Dee and Eli wait for it, and the main chunk cancels Dee then. She
-- queues for the lock again, now behind Eli, so she comes out last.

local cond = Condition()

local function yes(b) return b and "yes" or "no" end

local function waiter(name)
  cond:with(function()
    local ok, err = pcall(cond.wait, cond)
    if not ok then
      print(("%s: %s, and holds the lock: %s"):format(name, err.kind, yes(cond:locked())))
      error(err)                 -- let the cancellation go on (with() releases)
    end
    print(name .. ": notified, has the lock")
    sleep(0)                     -- holds it for one iteration
    print(name .. ": lets go")
  end)
end

print("-- a notified waiter is cancelled")
local ada, ben = spawn(waiter, "Ada"), spawn(waiter, "Ben")
sleep(0)                         -- both wait
cond:with(function()
  cond:notify(1)
  ada:cancel()
  print("main: notified one and cancelled Ada")
end)
ben:join()
print("main: Ben is done, Ada cancelled: " .. yes(ada:cancelled()))

print("-- a waiter cancelled while it waits for the lock")
local cy, dee, eli = spawn(waiter, "Cy"), spawn(waiter, "Dee"), spawn(waiter, "Eli")
sleep(0)                         -- the three wait
cond:with(function()
  cond:notify_all()
  print("main: notified all")
end)
sleep(0)                         -- Cy takes the lock, Dee and Eli wait for it
dee:cancel()
print("main: cancelled Dee, locked: " .. yes(cond:locked()))
cy:join()
eli:join()
pcall(dee.join, dee)             -- she ends cancelled
print("main: all done, locked: " .. yes(cond:locked()))
