-- The asyncio tutorial's Queue example, in Lua: a news producer and two consumers.
--
-- The producer puts a random article id (1 to 5) on the queue every second. Each
-- consumer prints the queue, then loops: it asks for an item and waits until one
-- arrives. Waiting consumers are served in the order they asked, so they take turns.
--
-- Like the original it runs until you press Ctrl-C. Give it a number
-- (luasync run scripts/tutorial/queue.lua 6) and the producer stops after that many
-- items and closes the queue: each consumer's get() then returns nil (the Lua form of
-- the tutorial's "None means done") and the program ends by itself.
--! args: 6

local function news_producer(queue, count)
  local produced = 0
  while count == nil or produced < count do
    sleep(1)
    print("Putting news item onto queue")
    queue:put(math.random(1, 5))
    produced = produced + 1
  end
  queue:close()                       -- no more news: consumers get nil
end

local function news_consumer(id, queue)
  print(queue)
  while true do
    print(("Consumer: %d Attempting to get from queue"):format(id))
    local item = queue:get()
    if item == nil then
      break                           -- the producer is done
    end
    print(("Consumer: %d consumed article with id: %d"):format(id, item))
  end
end

local count = tonumber(arg[1])
local queue = Queue(10)
gather(
  spawn(news_producer, queue, count),
  spawn(news_consumer, 1, queue),
  spawn(news_consumer, 2, queue))
