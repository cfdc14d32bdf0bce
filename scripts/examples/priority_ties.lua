-- Teaches: a PriorityQueue is a heap, not a waiting line. Items of the same
-- priority that do not compare (tables here: only numbers and strings do) come out
-- in the heap's order, not in the order they were put, exactly as with asyncio's
-- PriorityQueue. To keep the order of putting, put it into what is compared.
--
-- Five workers each file a job with the same priority, 0.1 s apart: job 1 first,
-- job 5 last. At 0.6 the printer starts and prints them all: 1, 3, 5, 2, 4. Then
-- the same five jobs again, each with its number as the item, the Python way of
-- breaking ties ((priority, number) tuples): numbers compare, so they come out in
-- order.

local jobs = PriorityQueue()

local function worker(n, item)
  sleep(0.1 * n)
  jobs:put(item, 3)
  print(("%.1f worker %d files job %d, priority 3, %d waiting"):format(now(), n, n, jobs:qsize()))
end

local function printer(name)
  for _ = 1, 5 do
    local job, priority = jobs:get()
    print(("%.1f printing job %d (priority %d)"):format(now(), name(job), priority))
    jobs:task_done()
  end
end

-- Round 1: the jobs are tables, which do not compare.
local workers = {}
for n = 1, 5 do workers[n] = spawn(worker, n, {number = n}) end
gather(unpack(workers))
sleep(0.1)
printer(function(job) return job.number end)

-- Round 2: the jobs are their numbers, which do.
for n = 1, 5 do workers[n] = spawn(worker, n, n) end
gather(unpack(workers))
sleep(0.1)
printer(function(job) return job end)
jobs:join()
print(("%.1f all jobs printed"):format(now()))
