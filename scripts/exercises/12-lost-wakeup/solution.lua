-- Exercise 12: the lost wakeup. Read README.md in this folder first.
--
-- A courier drops a parcel into a locker and rings the bell (notify). The customer
-- makes tea first, then goes to wait by the locker until the bell rings.

local locker = Condition()
local parcel = nil                           -- what is in the locker

local function courier()
  sleep(1)                                   -- drive there
  locker:with(function()
    parcel = "a book"
    print(("[%.1f] courier leaves %s and rings"):format(now(), parcel))
    locker:notify()
  end)
end

local function customer()
  sleep(2)                                   -- make tea
  locker:with(function()
    print(("[%.1f] customer goes to the locker"):format(now()))
    locker:wait_for(function() return parcel ~= nil end)  -- unless it is there
    print(("[%.1f] customer takes %s"):format(now(), parcel))
    parcel = nil
  end)
end

gather(spawn(courier), spawn(customer))
