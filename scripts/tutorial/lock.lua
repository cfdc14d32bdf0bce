-- The asyncio tutorial's Lock example, in Lua.
--
-- Two workers share one Lock. Each takes it, runs its critical section, and lets
-- it go. The critical section calls block(2): like time.sleep(2) in the Python
-- original, it stops the whole program for two seconds instead of letting other
-- tasks run. So the second worker cannot even say "Attempting to attain lock" until
-- the first one is completely done. Compare lock_sleep.lua.

local function worker(lock)
  print("Attempting to attain lock")
  lock:with(function()          -- with await lock:
    print("Currently Locked")   --   the critical section
    block(2)                    --   time.sleep(2): nothing else can run meanwhile
  end)                          -- the lock is released here
  print("Unlocked Critical Section")
end

local lock = Lock()
wait({spawn(worker, lock), spawn(worker, lock)})   -- asyncio.wait: until both are done
print("All Tasks Completed")
