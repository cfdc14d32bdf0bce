-- Benchmark: spawn TASKS tasks (default 100000) that each sleep(0) once and return,
-- so that all of them are alive at once, then join them in order: what many live
-- tasks cost in time and memory. gather is not used: join in order is the
-- simplest await, and the twin does the same.
-- Run: luasync run --clock real bench/spawn_alive.lua [TASKS]; twin: spawn_alive.py.

local ntasks = tonumber(arg[1]) or 100000

local function visit(i)
  sleep(0)
  return i * i % 1000003
end

local tasks = {}
for i = 1, ntasks do
  tasks[i] = spawn(visit, i)
end
local sum = 0
for i = 1, ntasks do
  sum = sum + tasks[i]:join()
end
print(("spawn_alive tasks=%d sum=%d"):format(ntasks, sum))
