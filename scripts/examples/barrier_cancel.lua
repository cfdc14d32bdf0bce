-- Teaches: a party cancelled while a Barrier fills leaves it, and the barrier is not
-- broken: the others keep waiting, and the next party to arrive takes the place
-- (and the index) of the one that left, as in asyncio.
--
-- A rowing boat leaves when three rowers are on board. Ann and Ben board and wait;
-- at 0.3 Ben is called home (his task is cancelled while he waits), so n_waiting()
-- drops back to 1. Cid boards, and the boat still waits; only when Dan boards at
-- 0.6 is the crew complete. wait() returns each rower's index: Cid got 1, the
-- number of rowers on board when he came, as Ben did before him.

local boat = Barrier(3)

local function rower(name, delay)
  sleep(delay)
  print(("%.1f %s boards, %d waiting"):format(now(), name, boat:n_waiting()))
  local ok, err = pcall(boat.wait, boat)
  if not ok then
    print(("%.1f %s leaves the boat: %s"):format(now(), name, err.kind))
    error(err)                   -- let the cancellation go on
  end
  print(("%.1f %s rows off (index %d)"):format(now(), name, err))
end

local ann = spawn(rower, "Ann", 0.1)
local ben = spawn(rower, "Ben", 0.2)
sleep(0.3)
ben:cancel()
sleep(0.1)
print(("%.1f Ben is gone: %d waiting, broken? %s"):format(now(), boat:n_waiting(),
  boat:broken() and "yes" or "no"))
local cid = spawn(rower, "Cid", 0.1)
local dan = spawn(rower, "Dan", 0.2)
gather(ann, cid, dan)
print(("%.1f the boat is out: %d waiting, broken? %s; Ben cancelled? %s"):format(now(),
  boat:n_waiting(), boat:broken() and "yes" or "no", ben:cancelled() and "yes" or "no"))
