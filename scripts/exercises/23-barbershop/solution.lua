-- Exercise 23: the barbershop. Read README.md in this folder first.
--
-- One barber, one barber chair, and a waiting room with two chairs. Eight
-- customers come in, one every 0.3 seconds; a haircut takes one second. A
-- customer who finds every waiting chair taken leaves at once.

local CHAIRS, CUSTOMERS = 2, 8
local waiting_room = Queue(CHAIRS)    -- the customers waiting, in order
local served, left = {}, {}

local function barber()
  for customer in waiting_room:items() do
    sleep(1)                          -- cut
    served[#served + 1] = customer.name
    customer.done:set()
  end
end

local function customer(i)
  sleep(0.3 * i)                      -- arrive
  local me = {name = "customer " .. i, done = Event()}
  local seated, err = pcall(waiting_room.put_nowait, waiting_room, me)
  if not seated then                  -- every chair is taken: leave
    assert(err.kind == "QueueFull", err)
    left[#left + 1] = me.name
    return
  end
  me.done:wait()                      -- for the haircut
end

local shop = spawn(barber)
local crowd = {}
for i = 1, CUSTOMERS do crowd[i] = spawn(customer, i) end
wait(crowd)
waiting_room:close()
shop:join()
print("served: " .. table.concat(served, ", "))
print("left without a haircut: " .. (#left > 0 and table.concat(left, ", ") or "nobody"))
print(("[%.1f] the barber closes the shop"):format(now()))
