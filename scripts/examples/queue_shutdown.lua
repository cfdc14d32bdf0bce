-- Teaches: q:shutdown() ends a queue as asyncio 3.13's Queue.shutdown does: put()
-- fails with a QueueShutDown error from then on (a putter waiting for room too),
-- get() still drains what is left and then fails with QueueShutDown.
-- q:shutdown(true) drops what is left at once (join() returns) and wakes the
-- waiting getters with the error. (close() is luasync's gentler form: get() returns
-- nil once the queue is drained.)

local function consumer(q, name)
  while true do
    local ok, item = pcall(q.get, q)
    if not ok then
      print(name .. ": get() raised " .. item.kind)
      return
    end
    print(name .. ": got " .. item)
    q:task_done()
    sleep(0.1)
  end
end

print("-- shutdown(): the consumer drains the queue first")
local q = Queue(2)
q:put("a")
q:put("b")
local blocked = spawn(function()
  local ok, err = pcall(q.put, q, "c")       -- the queue is full: it waits
  print("putter: put() raised " .. err.kind)
end)
sleep(0)
q:shutdown()
print("main: " .. tostring(q))
local ok, err = pcall(q.put, q, "d")
print("main: put() raised " .. err.kind)
local c = spawn(consumer, q, "consumer")
c:join()
blocked:join()

print("-- shutdown(true): what is left is dropped")
local q2 = Queue()
for i = 1, 3 do q2:put(i) end
local waiting = spawn(function() q2:join() print("joiner: every item is done") end)
sleep(0)
q2:shutdown(true)
print("main: qsize() = " .. q2:qsize() .. ", " .. tostring(q2))
waiting:join()
local getter = spawn(consumer, q2, "late consumer")
getter:join()
