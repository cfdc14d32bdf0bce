-- Teaches: as_completed hands you the tasks (and futures) in the order they
-- finish, not the order you gave them: handle each result as soon as it is there.
-- With a timeout, what has not finished in time makes the loop raise Timeout.
--
-- Three pizzas are ordered at once; the quickest one is eaten first. Then two
-- more are ordered, but we only wait half a second.

local function bake(pizza, minutes)
  sleep(minutes / 10)
  return pizza
end

local orders = {spawn(bake, "margherita", 3), spawn(bake, "funghi", 1), spawn(bake, "diavola", 2)}
local drinks = Future()
call_later(0.2, drinks.set_result, drinks, "lemonade")
table.insert(orders, drinks)
for done in as_completed(orders) do
  print(("%.1f eat the %s"):format(now(), done:result()))
end

local late = {spawn(bake, "calzone", 9), spawn(bake, "marinara", 2)}
local ok, err = pcall(function()
  for done in as_completed(late, {timeout = 0.5}) do
    print(("%.1f eat the %s"):format(now(), done:result()))
  end
end)
if not ok and err.kind == "Timeout" then
  print(("%.1f too late for the rest: timed out"):format(now()))
end
late[1]:cancel()
