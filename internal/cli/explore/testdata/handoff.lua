-- A flag set and cleared around a wait: a reader that comes in between sees it.
local busy, seen = false, 0
local function writer()
  for _ = 1, 10 do busy = true; sleep(0); busy = false; sleep(0) end
end
local function reader()
  for _ = 1, 10 do sleep(0); sleep(0); if busy then seen = seen + 1 end end
end
gather(spawn(writer), spawn(reader), spawn(reader))
print(seen)
