-- Benchmark: spawn TASKS tasks (default 100000) that each compute one number, then
-- gather them all. gather takes its tasks as arguments and unpack stops at 8000
-- values, so they are gathered a thousand at a time (the twin does the same).
-- Run: luasync run --clock real bench/spawn_join.lua [TASKS]; twin: spawn_join.py.

local ntasks = tonumber(arg[1]) or 100000
local chunk = 1000

local function square(i)
  return i * i % 1000003
end

local tasks = {}
for i = 1, ntasks do
  tasks[i] = spawn(square, i)
end
local sum = 0
for first = 1, ntasks, chunk do
  local results = {gather(unpack(tasks, first, math.min(first + chunk - 1, ntasks)))}
  for _, r in ipairs(results) do
    sum = sum + r
  end
end
print(("spawn_join tasks=%d sum=%d"):format(ntasks, sum))
