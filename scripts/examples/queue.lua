-- Teaches: a Queue passes work from producers to consumers. task_done() and join()
-- tell the producer when every item has been handled; close() tells the consumers
-- that no more items will come.
--
-- A post office clerk puts five letters on a small shelf with room for two, and two
-- carriers take letters off it and deliver them. When the shelf is full the clerk
-- waits for a free slot. join() waits until every letter is delivered (a carrier
-- calls task_done() after each delivery); then the clerk closes the queue, each
-- carrier's get() returns nil, its for loop ends and the carrier goes home.
-- (Python 3.11's asyncio.Queue has no close(): the twin puts one None per carrier.)

local shelf = Queue(2)

local function carrier(name, trip)
  for letter in shelf:items() do        -- calls shelf:get() until it returns nil
    print(("%.1f %s takes the letter for %s"):format(now(), name, letter))
    sleep(trip)
    print(("%.1f %s delivered to %s"):format(now(), name, letter))
    shelf:task_done()
  end
  print(("%.1f %s goes home"):format(now(), name))
end

local carriers = {spawn(carrier, "Pat", 0.3), spawn(carrier, "Sam", 0.5)}
for _, street in ipairs({"Elm St", "Oak Ave", "Pine Rd", "Bay Ln", "Hill Ct"}) do
  shelf:put(street)                     -- waits while the shelf is full
  print(("%.1f clerk shelves %s, %d on the shelf"):format(now(), street, shelf:qsize()))
end
shelf:join()                            -- until task_done() for every letter
print(("%.1f all letters delivered"):format(now()))
shelf:close()
gather(unpack(carriers))
print(("%.1f post office closed"):format(now()))
