-- Teaches: timeout(seconds, fn, ...) runs fn(scope, ...) in the current task under
-- a deadline, as asyncio.timeout() does: when it passes, what fn waits on is
-- cancelled, and the Cancelled error leaves the scope as a Timeout error.
-- scope:when() is the deadline (a time as now() gives it), scope:expired() says
-- whether it passed, scope:reschedule(when) moves it (nil: no deadline).
-- timeout_at(when, fn, ...) takes the deadline itself.

local start = now()
local function at(t) return ("%.1f"):format(t - start) end

print("-- a deadline that passes")
local ok, err = pcall(timeout, 0.5, function(scope, what)
  print("inside: fetching " .. what .. ", deadline at " .. at(scope:when()))
  local ok, err = pcall(sleep, 1)
  print("inside: sleep raised " .. err.kind .. " at " .. at(now()))
  error(err)                       -- let the cancellation go on
end, "a page")
print("main: timeout raised " .. err.kind .. ", not cancelled: " .. current_task():cancelling())

print("-- no deadline at first, then one")
local scope = timeout(nil, function(scope)
  print("inside: " .. tostring(scope))
  scope:reschedule(now() + 0.3)
  print("inside: deadline at " .. at(scope:when()))
  sleep(0.1)
  return scope
end)
print("main: done in time, expired: " .. tostring(scope:expired()) .. ", " .. tostring(scope))

print("-- nested: the outer deadline comes first")
local ok, err = pcall(timeout_at, now() + 0.2, function(outer)
  local ok, err = pcall(timeout, 10, function(inner)
    sleep(1)
  end)
  print("inner scope raised " .. err.kind)   -- the outer's cancellation passes through
  error(err)
end)
print("main: outer scope raised " .. err.kind)

print("-- a body that swallows the cancellation returns normally")
local late = timeout(0.2, function(scope)
  pcall(sleep, 1)
  print("inside: expired: " .. tostring(scope:expired()) .. " at " .. at(now()))
  return "a late answer"
end)
print("main: got " .. late)
sleep(0.1)
print("main: still running, not cancelled")
