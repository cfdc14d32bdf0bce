-- Exercise 28: leaders and followers. Read README.md in this folder first.
--
-- At a ball, dancers arrive one at a time, 0.1 s apart: leaders and followers.
-- Each leader dances with exactly one follower, and partners pair up in the order
-- they came: the first leader with the first follower, and so on.

local ARRIVALS = {"L1", "L2", "F1", "L3", "F2", "F3"}
local couples = {}
local leader_waiting = nil            -- the leader at the edge of the floor
local leader_here = Event()

local function leader(name)
  leader_waiting = name
  leader_here:set()                   -- a leader is here
end

local function follower(name)
  leader_here:wait()                  -- wait for a leader
  couples[#couples + 1] = leader_waiting .. " & " .. name
  leader_here:clear()
end

local ball = {}
for i, name in ipairs(ARRIVALS) do
  local dancer = name:sub(1, 1) == "L" and leader or follower
  ball[i] = spawn(function() sleep(0.1 * i) dancer(name) end)
end
wait(ball)
for i, couple in ipairs(couples) do print(("couple %d: %s"):format(i, couple)) end
