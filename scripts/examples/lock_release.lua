-- Teaches: release() does not hand the lock to the task waiting for it. It wakes
-- that task and the lock stays free (locked() is false) until the woken task runs
-- and takes it. A task that asks for the lock meanwhile still queues behind the
-- woken one: it sees the lock free, but there is a waiter before it.
--
-- The main chunk holds the lock; Bea asks for it and waits. Cal is spawned, then
-- the main chunk releases: locked() is false at once. Cal runs before Bea (his
-- first step was queued before Bea's wake-up) and finds the lock free, yet he
-- waits: Bea takes the lock first, and Cal gets it when Bea releases it.

local lock = Lock()

local function yes(b) return b and "yes" or "no" end

local function customer(name)
  print(("%s: asks for the lock, locked: %s"):format(name, yes(lock:locked())))
  lock:acquire()
  print(name .. ": has the lock")
  sleep(0)
  lock:release()
  print(name .. ": released it")
end

lock:acquire()
print("main: holds the lock")
local bea = spawn(customer, "Bea")
sleep(0)                       -- Bea asks for the lock and waits
local cal = spawn(customer, "Cal")
lock:release()
print("main: released the lock, locked: " .. yes(lock:locked()))
bea:join()
cal:join()
print("main: both are done, locked: " .. yes(lock:locked()))
