-- Teaches: gather(list [, {return_exceptions=true}]) takes an array of tasks (or
-- functions, spawned) of any length and returns an array of their results, in the
-- list's order, as asyncio.gather(*aws) does. With return_exceptions=true nothing is
-- raised for the children: a failed child's error and a cancelled child's Cancelled
-- error object stand in their slots. Cancelling the gatherer cancels the children,
-- and it gets Cancelled whatever return_exceptions says. Tasks that have finished
-- already are counted at once: gathering only those does not yield.

local function fetch(name, d, fail)
  sleep(d)
  if fail then error(name .. " failed", 0) end
  return name
end

local function show(r)
  if type(r) == "table" then return r.kind .. ": " .. r.message end
  return tostring(r)
end

print("-- a list in, a list out")
local tasks = {}
for i = 1, 5 do tasks[i] = spawn(fetch, "page" .. i, 0.1 * (6 - i)) end
print(table.concat(gather(tasks), ", "))

print("-- return_exceptions: errors stand in their slots")
local victim = spawn(fetch, "slow", 10)
local results = gather({
  function() return fetch("a", 0.1) end,
  function() return fetch("b", 0.2, true) end,
  victim,
  function() sleep(0.3) victim:cancel("not needed") return "c" end,
}, {return_exceptions = true})
for i, r in ipairs(results) do print(i, show(r)) end

print("-- without it, the first error is raised; the others go on")
local slow = spawn(fetch, "late", 0.5)
local ok, err = pcall(gather, {spawn(fetch, "bad", 0.1, true), slow})
print("gather raised: " .. show(err) .. "; late is done: " .. tostring(slow:done()))
print("late still finishes: " .. slow:join())

print("-- the gatherer cancelled")
local children = {spawn(fetch, "x", 1), spawn(fetch, "y", 2)}
local gatherer = spawn(function()
  local ok, err = pcall(gather, children, {return_exceptions = true})
  print("gatherer: gather raised " .. show(err))
  error(err)
end)
sleep(0.5)
gatherer:cancel("stop")
pcall(gatherer.join, gatherer)
print("children cancelled: " .. tostring(children[1]:cancelled()) .. ", " .. tostring(children[2]:cancelled()))

print("-- finished tasks: no yield")
local finished = spawn(fetch, "ready", 0)
sleep(0.1)
spawn(function() print("another task runs") end)
print("gathered " .. gather({finished})[1] .. " first")
sleep(0)
