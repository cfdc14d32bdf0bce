-- Teaches: what cancelling a task that waits in a Queue does. put() leaves the
-- item in the queue and wakes the first getter; if that getter is cancelled
-- before it runs, the item is still there (qsize() counts it) and the cancelled
-- getter wakes the next one, who takes it. A putter woken for a free place and
-- cancelled passes the place on the same way.
--
-- Part 1: Ivy and Jo wait to get. The main chunk puts a parcel (Ivy is woken)
-- and cancels Ivy before she runs: the parcel stays, and Jo gets it.
-- Part 2: a queue of one is full; Kim and Lou wait to put. The main chunk takes
-- the item (Kim is woken) and cancels Kim: Lou puts his item instead.

local function getter(q, name)
  local ok, item = pcall(q.get, q)
  if not ok then
    print(("%s: %s, qsize %d"):format(name, item.kind, q:qsize()))
    error(item)                  -- let the cancellation go on
  end
  print(("%s: got %s, qsize %d"):format(name, item, q:qsize()))
end

local function putter(q, name)
  local ok, err = pcall(q.put, q, name .. "'s box")
  if not ok then
    print(("%s: %s, qsize %d"):format(name, err.kind, q:qsize()))
    error(err)                   -- let the cancellation go on
  end
  print(("%s: put a box, qsize %d"):format(name, q:qsize()))
end

print("-- a woken getter is cancelled")
local q = Queue()
local ivy, jo = spawn(getter, q, "Ivy"), spawn(getter, q, "Jo")
sleep(0)                         -- both wait
q:put_nowait("a parcel")
ivy:cancel()
print(("main: put a parcel and cancelled Ivy, qsize %d"):format(q:qsize()))
jo:join()
print(("main: %s"):format(tostring(q)))

print("-- a woken putter is cancelled")
q = Queue(1)
q:put_nowait("an old box")
local kim, lou = spawn(putter, q, "Kim"), spawn(putter, q, "Lou")
sleep(0)                         -- both wait
print("main: takes " .. q:get_nowait())
kim:cancel()
print(("main: cancelled Kim, qsize %d"):format(q:qsize()))
lou:join()
print(("main: %s; Kim cancelled: %s"):format(tostring(q), tostring(kim:cancelled())))
