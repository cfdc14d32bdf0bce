-- Exercise 25: the cigarette smokers. Read README.md in this folder first.
--
-- Making a cigarette takes tobacco, paper and matches. Each of three smokers has
-- an endless supply of one of them. An agent puts two of the three on the table;
-- the smoker who has the third should take them and smoke. The agent is not
-- yours to change: it signals each ingredient it puts, then waits for a smoke.

local ROUNDS = {                             -- what the agent puts on the table
  {"tobacco", "paper"}, {"paper", "matches"}, {"tobacco", "matches"}, {"tobacco", "paper"},
}
local put = {tobacco = Semaphore(0), paper = Semaphore(0), matches = Semaphore(0)}
local smoked = Semaphore(0)
local log = {}

local function agent()
  for i, round in ipairs(ROUNDS) do
    for _, ingredient in ipairs(round) do put[ingredient]:release() end
    smoked:acquire()                         -- wait until someone has smoked
  end
end

-- A pusher per ingredient notes it on the table; the one that finds the other
-- ingredient of the pair there wakes the smoker who has the third.
local INGREDIENTS = {"tobacco", "paper", "matches"}
local on_table = {}
local table_lock = Lock()
local turn = {tobacco = Semaphore(0), paper = Semaphore(0), matches = Semaphore(0)}  -- by what the smoker has

local function pusher(ingredient)
  while true do
    put[ingredient]:acquire()
    table_lock:with(function()
      for _, other in ipairs(INGREDIENTS) do
        if on_table[other] then              -- the pair is complete
          on_table[other] = false
          for _, third in ipairs(INGREDIENTS) do
            if third ~= ingredient and third ~= other then turn[third]:release() end
          end
          return
        end
      end
      on_table[ingredient] = true            -- the first of the pair: wait for the other
    end)
  end
end

local function smoker(has)
  while true do
    turn[has]:acquire()                      -- my two ingredients are on the table
    log[#log + 1] = "the smoker with " .. has .. " smokes"
    sleep(1)                                 -- smoke
    smoked:release()
  end
end

local helpers = {
  spawn(smoker, "paper"), spawn(smoker, "matches"), spawn(smoker, "tobacco"),
  spawn(pusher, "tobacco"), spawn(pusher, "paper"), spawn(pusher, "matches"),
}
spawn(agent):join()
for _, h in ipairs(helpers) do h:cancel() end
for i, line in ipairs(log) do print(("round %d: %s"):format(i, line)) end
