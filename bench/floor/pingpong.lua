-- The interpreter's floor under bench/pingpong.lua: the same work in one task, with
-- no task switch. Each round trip makes the same four queue calls on the same two
-- queues (put_nowait and get_nowait, which never wait) and the same arithmetic, and
-- the result line is the workload's, so the work is the same. What pingpong takes
-- beyond this is the scheduler's: two task switches a round trip.
-- Run: luasync run --clock real bench/floor/pingpong.lua [ROUNDS]

local rounds = tonumber(arg[1]) or 200000
local q1, q2 = Queue(), Queue()

local function both()
  local token = 1
  for i = 1, rounds do
    q1:put_nowait(token) -- ping
    local got = q1:get_nowait() -- pong
    q2:put_nowait((got * 31 + i) % 1000003)
    token = q2:get_nowait() -- ping
  end
  return token
end

local token = both()
print(("pingpong rounds=%d token=%d"):format(rounds, token))
