-- Benchmark: two tasks bounce a token through two queues, ROUNDS round trips
-- (default 200000). Every round trip is two task switches: ping waits on q2, pong
-- waits on q1. pong folds the round number into the token, so the final token is
-- right only if every round trip happened, in order.
-- Run: luasync run --clock real bench/pingpong.lua [ROUNDS]; twin: pingpong.py,
-- plain-Go limit: go run ./bench/gopingpong [ROUNDS].

local rounds = tonumber(arg[1]) or 200000
local q1, q2 = Queue(), Queue()

local function pong()
  for i = 1, rounds do
    local token = q1:get()
    q2:put((token * 31 + i) % 1000003)
  end
end

local function ping()
  local token = 1
  for _ = 1, rounds do
    q1:put(token)
    token = q2:get()
  end
  return token
end

local token = gather(spawn(ping), spawn(pong))
print(("pingpong rounds=%d token=%d"):format(rounds, token))
