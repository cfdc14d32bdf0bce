-- Exercise 28: leaders and followers. Read README.md in this folder first.
--
-- At a ball, dancers arrive one at a time, 0.1 s apart: leaders and followers.
-- Each leader dances with exactly one follower, and partners pair up in the order
-- they came: the first leader with the first follower, and so on.

local ARRIVALS = {"L1", "L2", "F1", "L3", "F2", "F3"}
local couples = {}
local waiting = {L = Queue(), F = Queue()}   -- the dancers without a partner yet, in order

-- A dancer takes the partner who has waited longest, or, if there is none, waits
-- in line. Nothing here waits, so no other dancer can come in between the look
-- at the other line and the taking of a partner from it.
local function arrive(name)
  local role = name:sub(1, 1)
  local other = waiting[role == "L" and "F" or "L"]
  if other:empty() then
    waiting[role]:put_nowait(name)
    return
  end
  local partner = other:get_nowait()
  local leader, follower = name, partner
  if role == "F" then leader, follower = partner, name end
  couples[#couples + 1] = leader .. " & " .. follower
end

local ball = {}
for i, name in ipairs(ARRIVALS) do
  ball[i] = spawn(function() sleep(0.1 * i) arrive(name) end)
end
wait(ball)
for i, couple in ipairs(couples) do print(("couple %d: %s"):format(i, couple)) end
