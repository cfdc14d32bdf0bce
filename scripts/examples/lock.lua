-- Teaches: a Lock makes a read-wait-write sequence happen one task at a time, so
-- no update is lost.
--
-- Two cash machines pay money into the same account. Each reads the balance, waits
-- 0.1 s for the bank's network, then writes back balance + amount. Without a lock
-- both read 100 before either writes, and the second write wipes out the first
-- deposit. With a lock around the whole sequence the second machine waits until
-- the first has written, reads the new balance and the total comes out right.

local balance

local function deposit(machine, amount, lock)
  local function update()
    local seen = balance
    print(("%.1f %s reads %d"):format(now(), machine, seen))
    sleep(0.1)                   -- the network round trip: other tasks run here
    balance = seen + amount
    print(("%.1f %s writes %d"):format(now(), machine, balance))
  end
  if lock then
    print(("%.1f %s asks for the lock, locked: %s"):format(now(), machine, lock:locked() and "yes" or "no"))
    lock:with(update)            -- acquire, update, release (even on error)
  else
    update()
  end
end

for _, with_lock in ipairs({false, true}) do
  print(with_lock and "-- with a lock" or "-- without a lock")
  balance = 100
  local lock = with_lock and Lock() or nil
  gather(spawn(deposit, "ATM 1", 50, lock), spawn(deposit, "ATM 2", 30, lock))
  print(("%.1f balance %d, should be 180"):format(now(), balance))
end
