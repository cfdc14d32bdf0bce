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

local function smoker(has, needs)
  while true do
    put[needs[1]]:acquire()                  -- take what I lack from the table
    put[needs[2]]:acquire()
    log[#log + 1] = "the smoker with " .. has .. " smokes"
    sleep(1)                                 -- smoke
    smoked:release()
  end
end

local smokers = {
  spawn(smoker, "paper", {"tobacco", "matches"}),
  spawn(smoker, "matches", {"tobacco", "paper"}),
  spawn(smoker, "tobacco", {"paper", "matches"}),
}
spawn(agent):join()
for _, s in ipairs(smokers) do s:cancel() end
for i, line in ipairs(log) do print(("round %d: %s"):format(i, line)) end
