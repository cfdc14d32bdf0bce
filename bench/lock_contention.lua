-- Benchmark: 100 tasks take one Lock ACQUISITIONS times in all (default 200000),
-- each sleep(0)-ing while it holds it, so the others are always queued on the lock
-- and every release hands it over. The counter is read before the sleep and written
-- after it: without mutual exclusion updates are lost. The order value is a hash of
-- who got the lock when: FIFO hand-off makes it the same as asyncio's.
-- Run: luasync run --clock real bench/lock_contention.lua [ACQUISITIONS]; twin:
-- lock_contention.py.

local total = tonumber(arg[1]) or 200000
local ntasks = 100
local lock = Lock()
local counter, order = 0, 0

local function worker(id, times)
  for _ = 1, times do
    lock:acquire()
    local seen = counter
    sleep(0)
    counter = seen + 1
    order = (order * 31 + id) % 1000003
    lock:release()
  end
end

local tasks = {}
for id = 1, ntasks do
  -- the first total % ntasks tasks take the lock once more than the others
  local times = math.floor(total / ntasks) + (id <= total % ntasks and 1 or 0)
  tasks[id] = spawn(worker, id, times)
end
gather(unpack(tasks))
print(("lock_contention tasks=%d acquisitions=%d counter=%d order=%d"):format(ntasks, total, counter, order))
