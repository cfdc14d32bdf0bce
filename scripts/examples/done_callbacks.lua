-- Teaches: add_done_callback on a task runs a plain function once the task has
-- ended: one loop iteration later, in the order the callbacks were added, before
-- the tasks that wait for it were added after them. The callback gets the task and
-- looks at how it ended: a result, an error, or a cancellation.
--
-- Breakfast: tea, coffee and toast are made at once; a callback announces each.
-- The coffee is called off; the toast burns.

local function make(what, seconds)
  sleep(seconds)
  if what == "toast" then
    error("the toast burnt", 0)
  end
  return what
end

local function announce(task)
  if task:cancelled() then
    print(("%.1f %s: called off"):format(now(), task:name()))
  elseif task:error() ~= nil then
    print(("%.1f %s: failed: %s"):format(now(), task:name(), task:error()))
  else
    print(("%.1f %s: ready, %s"):format(now(), task:name(), task:result()))
  end
end

local function removed(task)
  print("never printed")
end

local tea, coffee, toast = spawn(make, "tea", 0.1), spawn(make, "coffee", 0.3), spawn(make, "toast", 0.2)
tea:set_name("tea")
coffee:set_name("coffee")
toast:set_name("toast")
for _, task in ipairs({tea, coffee, toast}) do
  task:add_done_callback(announce)
  task:add_done_callback(removed)
  print(task:name(), "callbacks removed:", task:remove_done_callback(removed))
end
coffee:add_done_callback(function(task)
  print(("%.1f %s: second callback"):format(now(), task:name()))
end)
tea:join()
print(("%.1f main: tea joined, after its callback"):format(now()))
coffee:cancel()
wait({coffee, toast})
print(("%.1f main: all done"):format(now()))
