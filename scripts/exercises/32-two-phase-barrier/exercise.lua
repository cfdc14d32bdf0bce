-- Exercise 32: a barrier from turnstiles. Read README.md in this folder first.
--
-- Three robots assemble a car in rounds: nobody may start round n+1 before all
-- three have finished round n. The workshop has no Barrier, only semaphores and
-- locks, so the robots build their own.

local WORK = {                   -- seconds of work in rounds 1, 2, 3
  A = {1, 3, 1},
  B = {2, 1, 2},
  C = {3, 2, 3},
}
local ROBOTS, ROUNDS = 3, 3
local log = {}
local count, mutex = 0, Lock()
local turnstile = Semaphore(0)   -- closed until all have arrived

local function barrier()
  mutex:with(function()
    count = count + 1
    if count == ROBOTS then turnstile:release() end   -- the last one opens it
  end)
  turnstile:acquire()            -- one at a time through the turnstile,
  turnstile:release()            -- each letting the next one through
end

local function robot(name)
  for round = 1, ROUNDS do
    sleep(WORK[name][round])
    log[#log + 1] = ("[%.1f] %s finished round %d"):format(now(), name, round)
    barrier()
  end
end

gather(spawn(robot, "A"), spawn(robot, "B"), spawn(robot, "C"))
table.sort(log)
for _, line in ipairs(log) do print(line) end
print(("[%.1f] the car is done"):format(now()))
