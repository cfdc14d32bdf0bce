-- Benchmark: TASKS tasks (default 100000) all in sleep(1) at the same time: what a
-- parked task costs in memory. max_parked is the most tasks seen asleep at once,
-- which shows they really were all parked together.
-- Run: luasync run --clock real bench/sleepers.lua [TASKS] (it sleeps 1 s); twin:
-- sleepers.py.

local ntasks = tonumber(arg[1]) or 100000
local chunk = 1000
local asleep, max_parked, woke = 0, 0, 0

local function sleeper(i)
  asleep = asleep + 1
  if asleep > max_parked then
    max_parked = asleep
  end
  sleep(1)
  asleep = asleep - 1
  woke = woke + 1
  return i
end

local tasks = {}
for i = 1, ntasks do
  tasks[i] = spawn(sleeper, i)
end
local sum = 0
for first = 1, ntasks, chunk do
  local results = {gather(unpack(tasks, first, math.min(first + chunk - 1, ntasks)))}
  for _, r in ipairs(results) do
    sum = sum + r
  end
end
print(("sleepers tasks=%d max_parked=%d woke=%d sum=%d"):format(ntasks, max_parked, woke, sum))
