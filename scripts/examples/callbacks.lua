-- Teaches: call_soon, call_later and call_at run plain functions on the loop,
-- outside any task. call_soon's callback is one handle at the back of the ready
-- queue, so it runs after the task steps already there; call_later and call_at are
-- timers; a handle can be cancelled before it runs. Timers with the same deadline
-- set by call_at come out in heapq's order, not in the order they were set.
--
-- A kitchen: the oven beeps later, the kettle at a fixed time, and the cook (a
-- task) works between them.

local function say(what)
  print(("%.1f %s"):format(now(), what))
end

local function cook()
  say("cook: starts chopping")
  sleep(0.5)
  say("cook: done chopping")
end

local task = spawn(cook)
call_soon(say, "bell: rings soon, after the cook's first step")
local oven = call_later(1, say, "oven: beep")
local late = call_later(2, say, "alarm: never rings")
print(("oven at %.1f, cancelled: %s"):format(oven:when(), tostring(oven:cancelled())))
late:cancel()
print(("alarm cancelled: %s"):format(tostring(late:cancelled())))
for _, name in ipairs({"tea", "coffee", "cocoa", "soup", "stew"}) do
  call_at(1.5, say, "kettle: " .. name)
end
task:join()
sleep(2)
say("kitchen closes")
