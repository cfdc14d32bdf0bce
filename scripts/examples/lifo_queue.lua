-- Teaches: a LifoQueue hands out the newest item first (last in, first out): it is
-- a stack that tasks can wait on.
--
-- A dishwasher stacks clean plates one by one; now and then the cook takes plates,
-- always from the top, so always the one washed last. The blue plate, washed first,
-- stays at the bottom while newer plates come and go. When the stack is empty the
-- cook waits in get() until the next plate is washed.

local stack = LifoQueue()

local function dishwasher()
  local plates = {{"blue", 0.1}, {"green", 0.1}, {"red", 0.1}, {"white", 0.2}, {"yellow", 0.3}}
  for _, p in ipairs(plates) do            -- {colour, seconds to wash it}
    sleep(p[2])
    stack:put(p[1])
    print(("%.1f washed the %s plate, %d on the stack"):format(now(), p[1], stack:qsize()))
  end
end

local function cook()
  for _, round in ipairs({{0.4, 2}, {0.2, 2}, {0.1, 1}}) do   -- {pause, plates}
    sleep(round[1])
    for _ = 1, round[2] do
      if stack:empty() then
        print(("%.1f the stack is empty: the cook waits"):format(now()))
      end
      local plate = stack:get()        -- the top of the stack
      print(("%.1f cook takes the %s plate"):format(now(), plate))
    end
  end
end

gather(spawn(dishwasher), spawn(cook))
