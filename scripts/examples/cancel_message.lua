-- Teaches: a cancellation can carry a reason, cancel(msg). The Cancelled error a
-- cancelled task ended with keeps it, but only the first look at the task's
-- result gets that error: asyncio hands out the original once, then makes a new
-- Cancelled error without a message. A cancel without a reason has an empty one.

local function deliver(parcel)
  sleep(10)
  return parcel .. " delivered"
end

local function look(who, task)
  local ok, err = pcall(task.result, task)
  print(("%s: %s, kind %s, message '%s'"):format(who, tostring(ok), err.kind, err.message))
end

local van = spawn(deliver, "sofa")
local bike = spawn(deliver, "letter")
sleep(0)
van:cancel("road closed")
bike:cancel()
sleep(0)
sleep(0)
look("dispatcher", van)
look("customer", van)
look("sender", bike)
print("van cancelled: " .. tostring(van:cancelled()))
