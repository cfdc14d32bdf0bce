-- Teaches: a callback may drive a coroutine (in Python, a generator): each
-- call_later callback resumes it for its next value. A callback cannot wait, but
-- the coroutine it resumes runs to its next yield before the callback returns.

local countdown = coroutine.wrap(function()
  for i = 3, 1, -1 do
    coroutine.yield(i)
  end
  coroutine.yield("liftoff")
end)

local launched = Future()
local function tick()
  local value = countdown()
  print(("%.1f %s"):format(now(), value))
  if value == "liftoff" then
    launched:set_result("in orbit")
  else
    call_later(0.1, tick)
  end
end

call_soon(tick)
local result = launched:join()
print(("%.1f %s"):format(now(), result))
