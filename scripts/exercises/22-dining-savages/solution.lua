-- Exercise 22: the dining savages. Read README.md in this folder first.
--
-- Three savages eat, one serving at a time, from a pot that holds four servings.
-- A savage who finds the pot empty wakes the cook, who takes a second to fill it
-- again. Nobody may eat from an empty pot.

local POT, SAVAGES, MEALS = 4, 3, 4
local servings, fills, empty_bites = 0, 0, 0
local pot = Lock()                            -- one savage at the pot at a time
local pot_empty, pot_full = Semaphore(0), Semaphore(0)

local function cook()
  while true do
    pot_empty:acquire()
    sleep(1)                          -- cook a potful
    servings, fills = POT, fills + 1
    pot_full:release()
  end
end

local function savage(name)
  for _ = 1, MEALS do
    pot:acquire()
    if servings == 0 then             -- empty: wake the cook and wait for the pot
      pot_empty:release()
      pot_full:acquire()
    end
    if servings == 0 then empty_bites = empty_bites + 1 end
    servings = servings - 1           -- take a serving
    pot:release()
    sleep(0.5)                        -- eat it
  end
end

local kitchen = spawn(cook)
local tribe = {}
for i = 1, SAVAGES do tribe[i] = spawn(savage, "savage " .. i) end
wait(tribe)
kitchen:cancel()
print(("%d savages ate %d servings each"):format(SAVAGES, MEALS))
print(("the cook filled the pot %d times"):format(fills))
print(("%d bites from an empty pot"):format(empty_bites))
