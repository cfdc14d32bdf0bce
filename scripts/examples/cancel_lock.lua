-- Teaches: what cancelling a task that waits for a Lock does. A waiter that is
-- cancelled while it waits just leaves the line. A waiter that release() has
-- already woken, but that is cancelled before it runs, never takes the lock: when
-- it gets its Cancelled error it wakes the next waiter, and the lock stays free
-- until that one runs.
--
-- The main chunk holds the lock; Amy, Bob and Cat wait for it. Bob is cancelled
-- while he waits: the lock is still the main chunk's. Then the main chunk releases
-- (Amy is woken) and cancels Amy before she runs: she passes the turn to Cat, who
-- gets the lock one iteration later.

local lock = Lock()

local function yes(b) return b and "yes" or "no" end

local function customer(name)
  local ok, err = pcall(lock.acquire, lock)
  if not ok then
    print(("%s: %s, locked: %s"):format(name, err.kind, yes(lock:locked())))
    error(err)                   -- let the cancellation go on
  end
  print(name .. ": has the lock")
  lock:release()
end

lock:acquire()
local amy, bob, cat = spawn(customer, "Amy"), spawn(customer, "Bob"), spawn(customer, "Cat")
sleep(0)                         -- the three wait
bob:cancel()
print("main: cancelled Bob, locked: " .. yes(lock:locked()))
sleep(0)                         -- Bob takes his Cancelled error
lock:release()
amy:cancel()
print("main: released and cancelled Amy, locked: " .. yes(lock:locked()))
cat:join()
print(("main: Cat is done, locked: %s; cancelled: Amy %s, Bob %s"):format(
  yes(lock:locked()), yes(amy:cancelled()), yes(bob:cancelled())))
