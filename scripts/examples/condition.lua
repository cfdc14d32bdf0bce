-- Teaches: a Condition lets tasks wait, while sharing a lock, until some state is
-- true, and lets the task that changes that state wake them with notify.
--
-- Customers wait in a bakery for bread. The shelf is shared state, guarded by the
-- condition's lock. Each customer waits while the shelf is empty; wait() lets go
-- of the lock while waiting and takes it back before returning. The baker puts out
-- one loaf and notify() wakes one customer; then two loaves and notify_all() wakes
-- everyone, so the customer who finds the shelf empty again must go back to
-- waiting: that is why the check is a loop. (cond:wait_for(pred) is this loop.)

local shelf = 0
local bakery = Condition()

local function customer(name)
  bakery:with(function()
    print(("%.1f %s waits for bread"):format(now(), name))
    while shelf == 0 do
      bakery:wait()
      if shelf == 0 then print(("%.1f %s finds the shelf empty"):format(now(), name)) end
    end
    shelf = shelf - 1
    print(("%.1f %s buys a loaf, %d left"):format(now(), name, shelf))
  end)
end

local function bake(loaves, wake)
  sleep(0.2)
  bakery:with(function()
    shelf = shelf + loaves
    print(("%.1f the baker puts out %d, wakes %s"):format(now(), loaves, wake))
    if wake == "everyone" then bakery:notify_all() else bakery:notify() end
  end)
end

local customers = {}
for _, name in ipairs({"Ava", "Ben", "Cal", "Dee"}) do
  table.insert(customers, spawn(customer, name))
end
bake(1, "one")
bake(2, "everyone")
bake(1, "one")
gather(unpack(customers))
print(("%.1f sold out"):format(now()))
