-- Exercise 06: a barrier for every round. Read README.md in this folder first.
--
-- Three friends play a board game over three rounds. Each needs some time to think
-- in each round, and nobody may start round n+1 before everyone has finished
-- round n.

local THINK = {                  -- seconds of thinking in rounds 1, 2, 3
  Ann = {1, 3, 1},
  Ben = {2, 1, 2},
  Cat = {3, 2, 3},
}
local PLAYERS, ROUNDS = 3, 3
local round_over = Barrier(PLAYERS)  -- lets them go together, then fills again

local function player(name)
  for round = 1, ROUNDS do
    sleep(THINK[name][round])
    print(("[%.1f] %s finished round %d"):format(now(), name, round))
    round_over:wait()            -- wait until all the players have finished
  end
end

gather(spawn(player, "Ann"), spawn(player, "Ben"), spawn(player, "Cat"))
print(("[%.1f] game over"):format(now()))
