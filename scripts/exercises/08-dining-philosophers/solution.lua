-- Exercise 08: dining philosophers. Read README.md in this folder first.
--
-- Four philosophers sit at a round table with one fork between each two of them.
-- To eat, a philosopher needs both forks next to him: fork i on his left and fork
-- i+1 on his right (the last philosopher's right fork is fork 1).

local N, MEALS = 4, 2
local forks, meals = {}, {}
for i = 1, N do forks[i], meals[i] = Lock(), 0 end

local function philosopher(i)
  local left, right = i, i % N + 1
  local first = math.min(left, right)        -- everyone picks up the lower-
  local second = math.max(left, right)       -- numbered of his two forks first
  for _ = 1, MEALS do
    sleep(1)                                 -- think
    forks[first]:acquire()
    sleep(0)                                 -- reach for the other fork
    forks[second]:acquire()
    sleep(1)                                 -- eat
    meals[i] = meals[i] + 1
    forks[second]:release()
    forks[first]:release()
  end
end

local diners = {}
for i = 1, N do diners[i] = spawn(philosopher, i) end
wait(diners)
for i = 1, N do print(("philosopher %d ate %d meals"):format(i, meals[i])) end
