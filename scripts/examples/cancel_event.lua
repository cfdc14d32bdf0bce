-- Teaches: cancelling a task that waits for an Event takes only that task out:
-- the event stays unset, and when it is set the other waiters run, in the order
-- they began to wait.
--
-- Pia, Quinn and Rex wait for the doors to open. Quinn is cancelled (he goes
-- home); the doors are still shut. When the main chunk opens them, Pia and Rex
-- go in, in the iteration after set().

local doors = Event()

local function visitor(name)
  local ok, err = pcall(doors.wait, doors)
  if not ok then
    print(("%s: %s, doors open: %s"):format(name, err.kind, tostring(doors:is_set())))
    error(err)                   -- let the cancellation go on
  end
  print(name .. ": goes in")
end

local pia, quinn, rex = spawn(visitor, "Pia"), spawn(visitor, "Quinn"), spawn(visitor, "Rex")
sleep(0)                         -- the three wait
quinn:cancel()
print("main: cancelled Quinn")
sleep(0)                         -- Quinn takes his Cancelled error
doors:set()
print("main: opened the doors")
pia:join()
rex:join()
print("main: Quinn cancelled: " .. tostring(quinn:cancelled()))
