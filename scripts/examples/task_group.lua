-- Teaches: task_group() runs child tasks and returns only when every one of them
-- has finished. If a child fails, the group cancels the others and raises the
-- error once they have all stopped.
--
-- Friends help you move house. On the first trip each carries something and the
-- trip is over when the last one arrives. On the second trip Dan drops the piano:
-- Cat had already brought her box, but Ann is still carrying the sofa, so the
-- group cancels her (she puts it down) and only then reports Dan's accident.

local function carry(who, what, seconds)
  local ok, err = pcall(sleep, seconds)
  if not ok then
    print(("%.1f %s puts the %s down"):format(now(), who, what))
    error(err)                   -- let the cancellation go on
  end
  print(("%.1f %s brought the %s"):format(now(), who, what))
end

local function drop(who, what, seconds)
  sleep(seconds)
  print(("%.1f %s drops the %s!"):format(now(), who, what))
  error(who .. " dropped the " .. what, 0)
end

task_group(function(g)
  g:spawn(carry, "Ann", "lamp", 0.1)
  g:spawn(carry, "Ben", "books", 0.3)
  g:spawn(carry, "Cat", "chairs", 0.2)
  print(("%.1f first trip: three friends on their way"):format(now()))
end)
print(("%.1f first trip done"):format(now()))

local ok, err = pcall(task_group, function(g)
  g:spawn(carry, "Ann", "sofa", 0.4)
  g:spawn(drop, "Dan", "piano", 0.2)
  g:spawn(carry, "Cat", "box", 0.1)
end)
print(("%.1f second trip failed: %s"):format(now(), err.exceptions[1]))
