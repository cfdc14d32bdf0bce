-- Benchmark: one producer puts ITEMS numbers (default 500000) through a Queue(100)
-- to four consumers, then one stop mark (0) per consumer. Which consumer gets which
-- item may differ from asyncio (asyncio lets a running consumer take an item ahead
-- of a woken one), so the result is what must not depend on it: how many items
-- arrived, their sum and their sum of squares, which catch a lost or doubled item.
-- (The sum of squares outgrows a double's exact integers, so it is kept in two
-- parts, without the % operator, which would cost more than the queue.)
-- Run: luasync run --clock real bench/queue_throughput.lua [ITEMS]; twin:
-- queue_throughput.py.

local items = tonumber(arg[1]) or 500000
local nconsumers = 4
local q = Queue(100)
local count, sum, squares, squares_e15 = 0, 0, 0, 0 -- squares_e15 * 10^15 + squares

local function producer()
  for i = 1, items do
    q:put(i)
  end
  for _ = 1, nconsumers do
    q:put(0)
  end
end

local function consumer()
  while true do
    local item = q:get()
    if item == 0 then
      return
    end
    count = count + 1
    sum = sum + item
    squares = squares + item * item
    if squares >= 1e15 then
      squares, squares_e15 = squares - 1e15, squares_e15 + 1
    end
  end
end

local tasks = {spawn(producer)}
for i = 1, nconsumers do
  tasks[#tasks + 1] = spawn(consumer)
end
gather(unpack(tasks))
local squares_text = ("%d"):format(squares)
if squares_e15 > 0 then
  squares_text = ("%d"):format(squares_e15) .. ("0"):rep(15 - #squares_text) .. squares_text
end
print(("queue_throughput items=%d consumers=%d count=%d sum=%d squares=%s"):format(items, nconsumers, count, sum, squares_text))
