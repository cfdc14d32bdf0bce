-- Teaches: task_group() returns two loop iterations after its last child ends, as
-- gather() does: each child's end runs the group's callback (one iteration), and
-- the last one wakes the task that waits at the group's end (the next).
--
-- The ticker prints "tick N" and calls sleep(0), so each tick is one iteration.
-- The group's body spawns two children and returns at once; the main chunk then
-- waits at the end of the group. The long child ends in the iteration of tick 3,
-- and the group returns after tick 5.

local function ticker(n)
  for i = 1, n do
    print("tick " .. i)
    sleep(0)
  end
end

local function child(name, steps)
  for step = 1, steps do
    if step > 1 then sleep(0) end
    print(("%s: step %d of %d"):format(name, step, steps))
  end
end

local ticks = spawn(ticker, 7)
print("main: opens a task group")
task_group(function(g)
  g:spawn(child, "short", 1)
  g:spawn(child, "long", 3)
  print("main: the group's body is done, now it waits for the children")
end)
print("main: the group has ended")
ticks:join()
