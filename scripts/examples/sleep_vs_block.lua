-- Teaches: sleep() waits and lets the other tasks run meanwhile; block() lets time
-- pass without letting anyone else run.
--
-- Two waiters in a café each wait 0.1 s for the coffee machine, twice. With sleep
-- (asyncio.sleep) they wait side by side and both have served after 0.2 s. With
-- block (time.sleep called inside async code, the classic bug) the whole café
-- freezes while one of them waits: Bob cannot even begin until Ann has finished,
-- and the same work takes 0.4 s.

local function waiter(name, pause)
  for cup = 1, 2 do
    print(("%.1f %s waits for cup %d"):format(now(), name, cup))
    pause(0.1)
  end
  print(("%.1f %s has served both cups"):format(now(), name))
end

for _, how in ipairs({"sleep", "block"}) do
  local pause = how == "sleep" and sleep or block
  print("-- waiting with " .. how)
  local start = now()
  gather(spawn(waiter, "Ann", pause), spawn(waiter, "Bob", pause))
  print(("took %.1f s"):format(now() - start))
end
