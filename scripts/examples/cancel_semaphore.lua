-- Teaches: what cancelling a task that waits for a Semaphore does. A waiter that
-- is cancelled while it waits just leaves the line: value() does not change. A
-- waiter that release() has already woken counts as holding the permit (value()
-- stays 0); if it is cancelled before it runs, it gives the permit back when it
-- gets its Cancelled error, and the permit goes to the next waiter.
--
-- One permit, held by the main chunk; Eve, Fay and Gil wait. Fay is cancelled
-- while she waits. Then the main chunk releases (Eve is woken, the permit is hers)
-- and cancels Eve before she runs: her permit goes on to Gil.

local sem = Semaphore(1)

local function yes(b) return b and "yes" or "no" end

local function worker(name)
  local ok, err = pcall(sem.acquire, sem)
  if not ok then
    print(("%s: %s, value %d, locked: %s"):format(name, err.kind, sem:value(), yes(sem:locked())))
    error(err)                   -- let the cancellation go on
  end
  print(("%s: has the permit, value %d"):format(name, sem:value()))
  sem:release()
end

sem:acquire()
local eve, fay, gil = spawn(worker, "Eve"), spawn(worker, "Fay"), spawn(worker, "Gil")
sleep(0)                         -- the three wait
fay:cancel()
print(("main: cancelled Fay, value %d"):format(sem:value()))
sleep(0)                         -- Fay takes her Cancelled error
sem:release()
print(("main: released, value %d, locked: %s"):format(sem:value(), yes(sem:locked())))
eve:cancel()
gil:join()
print(("main: Gil is done, value %d; cancelled: Eve %s, Fay %s"):format(
  sem:value(), yes(eve:cancelled()), yes(fay:cancelled())))
