-- Exercise 27: the unisex bathroom. Read README.md in this folder first.
--
-- An office has one bathroom with three stalls. The rules: never men and women
-- in it at the same time, and never more than three people. Three men and three
-- women need it, one arriving every 0.1 s; each stays one second.

local STALLS = 3
local ARRIVALS = {"M1", "W1", "M2", "W2", "M3", "W3"}
local inside = {M = 0, W = 0}
local mixed, most = 0, 0              -- moments men and women were in together; the fullest moment
local stalls = Semaphore(STALLS)

local function use_bathroom(who)
  local g = who:sub(1, 1)
  inside[g] = inside[g] + 1
  if inside.M > 0 and inside.W > 0 then mixed = mixed + 1 end
  most = math.max(most, inside.M + inside.W)
  sleep(1)
  inside[g] = inside[g] - 1
end

local function employee(who, arrival)
  sleep(arrival)
  stalls:with(use_bathroom, who)
end

local staff = {}
for i, who in ipairs(ARRIVALS) do staff[i] = spawn(employee, who, 0.1 * i) end
wait(staff)
print(("men and women in together: %d times"):format(mixed))
print(("at most %d people inside at once"):format(most))
print(("[%.1f] the office closes"):format(now()))
