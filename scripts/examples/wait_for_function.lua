-- Teaches: wait_for() on a function calls it in the caller's own task, right away,
-- as asyncio 3.12+ awaits a coroutine: no new task is made, so the function has
-- run up to its first wait before anything else can happen.
--
-- Part 1: the caller calls wait_for(fetch, 5) and is cancelled in the same
-- iteration, right after its step. fetch had already started (in the caller's
-- task, Task-2) and waits in sleep(): the cancellation reaches it there, and then
-- the caller.
-- Part 2: a function that catches the cancellation when wait_for's time is up and
-- returns a value anyway: wait_for returns that value and raises no Timeout, and
-- the caller is not left cancelled (its next sleep() works).

local function fetch(what)
  print(("fetch: starts in %s"):format(current_task():name()))
  local ok, err = pcall(sleep, 1)
  if not ok then
    print("fetch: " .. err.kind .. " while it waits")
    error(err)                   -- let the cancellation go on
  end
  return what
end

local function caller()
  print("caller: calls wait_for(fetch, 5)")
  local ok, err = pcall(wait_for, fetch, 5, "the data")
  print("caller: wait_for raised " .. (ok and "nothing" or err.kind))
  if not ok then error(err) end
end

print("-- the caller is cancelled right after it called wait_for")
local c = spawn(caller)
sleep(0)                         -- the caller takes its first step
c:cancel()
print("main: cancelled the caller")
pcall(c.join, c)                 -- it ends cancelled
print(("main: the caller is cancelled: %s"):format(tostring(c:cancelled())))

print("-- a function that swallows its timeout")
local start = now()
local function stubborn()
  local ok, err = pcall(sleep, 1)
  print(("stubborn: caught %s after the 0.3 s limit: %s, returns anyway"):format(
    ok and "nothing" or err.kind, tostring(now() - start > 0.25)))
  return "a late answer"
end
local answer = wait_for(stubborn, 0.3)
print("main: wait_for gives " .. answer)
sleep(0.2)
print("main: still running, not cancelled")
