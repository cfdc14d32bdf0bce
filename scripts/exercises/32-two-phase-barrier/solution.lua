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
local turnstile2 = Semaphore(1)  -- open until all have arrived, closed until all have left

local function barrier()
  mutex:with(function()
    count = count + 1
    if count == ROBOTS then       -- the last one in closes the exit, opens the entrance
      turnstile2:acquire()
      turnstile:release()
    end
  end)
  turnstile:acquire()            -- phase 1: wait for everyone to arrive
  turnstile:release()
  mutex:with(function()
    count = count - 1
    if count == 0 then            -- the last one out closes the entrance, opens the exit
      turnstile:acquire()
      turnstile2:release()
    end
  end)
  turnstile2:acquire()           -- phase 2: wait for everyone to pass phase 1
  turnstile2:release()
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
