-- Teaches: how a Semaphore wakes its waiters. release() gives the permit to the
-- first waiter that is not yet woken (value() does not go up), and while anyone
-- waits, locked() is true, so a newcomer queues behind the waiters even if a
-- permit is on its way. (cancel_semaphore.lua shows what cancelling a waiter does.)
--
-- Part 1: two permits, both held by the main chunk; Ann, Ben and Cy wait. The
-- main chunk spawns Dot and releases twice: Ann and Ben are woken, value() stays
-- 0, and Dot, who runs before them, queues behind Cy.
-- Part 2: no permit; Gus waits. The main chunk spawns Hal and Ida and releases
-- three times: one permit goes to Gus, two stay (value 2). Hal and Ida ask before
-- Gus runs, and queue behind him. When Gus runs, he wakes as many waiters as there
-- are permits left, Hal and Ida both (Python 3.12 woke only one, who woke the next).

local function yes(b) return b and "yes" or "no" end

local function worker(sem, name)
  print(("%s: asks, locked: %s"):format(name, yes(sem:locked())))
  sem:acquire()
  print(("%s: has a permit, value %d"):format(name, sem:value()))
  sleep(0)
  sem:release()
end

print("-- release twice with three waiters")
local sem = Semaphore(2)
sem:acquire()
sem:acquire()
local tasks = {spawn(worker, sem, "Ann"), spawn(worker, sem, "Ben"), spawn(worker, sem, "Cy")}
sleep(0)                         -- the three ask and wait
tasks[4] = spawn(worker, sem, "Dot")
sem:release()
sem:release()
print(("main: released twice, value %d, locked: %s"):format(sem:value(), yes(sem:locked())))
for _, t in ipairs(tasks) do t:join() end
print(("main: all done, value %d"):format(sem:value()))

print("-- three releases, one waiter, two newcomers")
sem = Semaphore(0)
tasks = {spawn(worker, sem, "Gus")}
sleep(0)                         -- Gus asks and waits
tasks[2], tasks[3] = spawn(worker, sem, "Hal"), spawn(worker, sem, "Ida")
sem:release()
sem:release()
sem:release()
print(("main: released three times, value %d"):format(sem:value()))
for _, t in ipairs(tasks) do t:join() end
print(("main: all done, value %d"):format(sem:value()))
