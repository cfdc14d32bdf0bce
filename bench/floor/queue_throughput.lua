-- The interpreter's floor under bench/queue_throughput.lua: the same work in one
-- task, with no task switch. Each item is put and got with put_nowait and get_nowait
-- (which never wait) on the same Queue(100), and counted and summed by the loop body
-- a consumer has; the four stop marks go through too. The result line is the
-- workload's, so the work is the same. What queue_throughput takes beyond this is
-- the scheduler's.
-- Run: luasync run --clock real bench/floor/queue_throughput.lua [ITEMS]

local items = tonumber(arg[1]) or 500000
local nconsumers = 4
local q = Queue(100)
local count, sum, squares, squares_e15 = 0, 0, 0, 0 -- squares_e15 * 10^15 + squares

local function both()
  for i = 1, items do
    q:put_nowait(i)
    local item = q:get_nowait() -- from here on, a consumer's loop body
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
  for _ = 1, nconsumers do -- the stop marks
    q:put_nowait(0)
    assert(q:get_nowait() == 0)
  end
end

both()
local squares_text = ("%d"):format(squares)
if squares_e15 > 0 then
  squares_text = ("%d"):format(squares_e15) .. ("0"):rep(15 - #squares_text) .. squares_text
end
print(("queue_throughput items=%d consumers=%d count=%d sum=%d squares=%s"):format(items, nconsumers, count, sum, squares_text))
