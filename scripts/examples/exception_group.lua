-- Teaches: a task group that fails raises one ExceptionGroup error object holding
-- every error: the children's in the order they failed, then the body's. Its
-- message says how many; err.exceptions lists them, as Python's except* sees them.
--
-- Three cooks share a kitchen. Two burn their dish at the same moment; the third
-- is told to stop; the head cook (the body) then slips on the wet floor.

local function cook(name, dish, seconds, burns)
  local ok, err = pcall(sleep, seconds)
  if not ok then
    print(("%.1f %s stops making the %s"):format(now(), name, dish))
    error(err)                   -- let the cancellation go on
  end
  if burns then
    print(("%.1f %s burns the %s"):format(now(), name, dish))
    error(name .. " burnt the " .. dish, 0)
  end
  print(("%.1f %s serves the %s"):format(now(), name, dish))
end

local ok, err = pcall(task_group, function(g)
  g:spawn(cook, "Ann", "soup", 0.2, true)
  g:spawn(cook, "Ben", "bread", 0.2, true)
  g:spawn(cook, "Cat", "cake", 0.5, false)
  local slept = pcall(sleep, 1)
  print(("%.1f head cook interrupted: %s"):format(now(), tostring(not slept)))
  error("the head cook slipped", 0)
end)
print(ok, err.kind)
print(err.message)
for i, e in ipairs(err.exceptions) do
  print(i, e)
end

-- One failure is still a group, of one.
local ok, err = pcall(task_group, function(g)
  g:spawn(cook, "Dan", "tea", 0.1, true)
end)
print(err.message, #err.exceptions, err.exceptions[1])
