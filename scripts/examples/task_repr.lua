-- Teaches: tostring(task) shows a task as asyncio's repr does: its state, its
-- name, where its function is, what it waits for, who waits for it, and how it
-- ended. A coffee order goes through every state a task has.
-- (show keeps the script's file name only, so the output is the same from any
-- folder; Python's twin does the same.)

local function show(task)
  return (tostring(task):gsub("at [^ >]*/", "at "))
end

-- The tasks' functions, on the same lines as in the twin:
local function brew(cups)
  sleep(0.1)                       -- waits here: "running at" this line
  return cups * 2
end

local function spill()
  sleep(0.1)
  error("the cup fell", 0)
end

local function serve(task)
  return gather(task)
end

local order = spawn(brew, 21)
print(show(order))                 -- pending, not started: at its first line
print(show(current_task()))        -- the main chunk, Task-1, running
sleep(0)
print(show(order))                 -- waiting in sleep: wait_for=<Future ...>
local server = spawn(serve, order)
sleep(0)
print(show(order))                 -- gather waits for it too: cb=[...]
print(show(server))                -- waiting for the future gather returned
server:join()
print(show(order))                 -- finished, with its result
local mishap = spawn(spill)
local late = spawn(brew, 1)
sleep(0)
late:cancel()
print(show(late))                  -- cancelling: the cancel is on its way
sleep(0.2)
print(show(mishap))                -- finished, with its exception
print(show(late))                  -- cancelled
print(mishap:error())              -- looked at: not reported as lost
