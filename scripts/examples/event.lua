-- Teaches: an Event lets any number of tasks wait until one task says "go".
--
-- Three runners take their marks and wait for the starting pistol. None of them can
-- start early: wait() blocks until the starter calls set(), and then all of them
-- start at once. A runner who turns up after the shot finds the event already set
-- and does not wait at all.

local pistol = Event()

local function runner(name, seconds)
  print(("%.1f %s is on the mark"):format(now(), name))
  pistol:wait()
  print(("%.1f %s starts running"):format(now(), name))
  sleep(seconds)
  print(("%.1f %s finishes"):format(now(), name))
end

local racers = {
  spawn(runner, "Ana", 0.4),
  spawn(runner, "Bo", 0.3),
  spawn(runner, "Cleo", 0.5),
}
sleep(0.2)
print(("%.1f ready, set... has the pistol fired? %s"):format(now(), pistol:is_set() and "yes" or "no"))
pistol:set()                     -- does not wait: the runners start once main waits
print(("%.1f BANG! has the pistol fired? %s"):format(now(), pistol:is_set() and "yes" or "no"))
sleep(0.1)
table.insert(racers, spawn(runner, "Lou (late)", 0.1))
gather(unpack(racers))
print(("%.1f race over"):format(now()))
