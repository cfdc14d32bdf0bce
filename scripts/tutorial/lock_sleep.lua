-- The Lock example again, with sleep(2) (asyncio.sleep) where lock.lua has block(2)
-- (time.sleep).
--
-- sleep() gives the other tasks their turn while this one waits, so the output now
-- interleaves: while the first worker sleeps inside its critical section, the second
-- one starts and asks for the lock. It has to wait: the lock is what keeps the two
-- critical sections ("Currently Locked" ... release) from overlapping. The moment the
-- first worker releases it, the lock is handed to the second, which runs its own
-- critical section while the first prints "Unlocked Critical Section".

local function worker(lock)
  print("Attempting to attain lock")
  lock:with(function()
    print("Currently Locked")
    sleep(2)                    -- other tasks run while this one waits
  end)
  print("Unlocked Critical Section")
end

local lock = Lock()
wait({spawn(worker, lock), spawn(worker, lock)})
print("All Tasks Completed")
