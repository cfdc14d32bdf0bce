-- Teaches: tasks are named as asyncio names them. The main chunk is Task-1, and
-- every task made after it takes the next number: those spawn makes, and those
-- gather and task_group make for the functions they are given. set_name changes
-- a name without taking a number.
--
-- A kitchen: each cook says who they are.

local function cook()
  sleep(0.1)
  return current_task():name()
end

print("the main chunk is " .. current_task():name())
local soup = spawn(cook)
print("spawn made " .. soup:name())
print("gather made", gather(cook, cook))
task_group(function(g)
  local dessert = g:spawn(cook)
  print("task_group made " .. dessert:name())
end)
local chef = spawn(cook)
chef:set_name("chef")
print("renamed: " .. chef:join())
print("the next one is " .. spawn(cook):join())
print("soup was cooked by " .. soup:join())
