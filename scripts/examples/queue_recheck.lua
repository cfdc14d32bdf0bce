-- Teaches: a queue does not hand an item to the task waiting in get(). put() leaves
-- the item in the queue and wakes the getter; when the getter runs, it checks the
-- queue again. If another task took the item first (get_nowait() in between), the
-- getter finds the queue empty and waits again. A putter waiting for room on a
-- full queue is woken the same way, and may find the room taken.
--
-- First the getter waits on an empty queue. The snatcher is spawned, then the main
-- chunk puts an apple: it is still in the queue (qsize 1), the getter only woken.
-- The snatcher runs first and takes it; the getter wakes to an empty queue and
-- waits again (the queue shows one getter) until the banana comes.
-- Then the same with room: a queue of one holds "old" and the putter waits to put
-- "new". The main chunk takes "old", which wakes the putter, but the sneak runs
-- first and puts "sneaky" into the free place; the putter waits again.

-- try calls f(...) and says what came of it: its result, "ok" or the error's kind.
local function try(f, ...)
  local ok, v = pcall(f, ...)
  if not ok then return v.kind end
  return v == nil and "ok" or tostring(v)
end

print("-- a getter woken for an item another task takes")
local q = Queue()
local getter = spawn(function()
  print("getter: waits for an item")
  print("getter: got " .. q:get())
end)
sleep(0)                       -- the getter waits
local snatcher = spawn(function()
  print("snatcher: get_nowait() gives " .. try(q.get_nowait, q))
end)
q:put_nowait("apple")
print(("main: put an apple, qsize %d"):format(q:qsize()))
sleep(0)                       -- the snatcher runs, then the getter
sleep(0)
print("main: " .. tostring(q))
q:put_nowait("banana")
getter:join()
snatcher:join()

print("-- a putter woken for room another task takes")
local box = Queue(1)
box:put_nowait("old")
local putter = spawn(function()
  print("putter: waits to put new")
  box:put("new")
  print("putter: has put new")
end)
sleep(0)                       -- the putter waits
local sneak = spawn(function()
  print("sneak: put_nowait(sneaky) gives " .. try(box.put_nowait, box, "sneaky"))
end)
print("main: takes " .. box:get_nowait() .. ", qsize " .. box:qsize())
sleep(0)
sleep(0)
print("main: " .. tostring(box))
print("main: takes " .. box:get_nowait())
putter:join()
sneak:join()
print("main: takes " .. box:get_nowait())
