-- Exercise 01: lost updates. Read README.md in this folder first.
--
-- Three web servers count the visits of one page in a shared counter. Each visit
-- reads the counter, talks to the database (sleep(0): a waiting point where the other
-- servers run) and writes the new value back.

local VISITS = 100          -- visits each server handles
local counter = 0
local lock = Lock()        -- guards counter: one read-wait-write at a time

local function server()
  for _ = 1, VISITS do
    lock:acquire()
    local seen = counter    -- read
    sleep(0)                -- wait for the database
    counter = seen + 1      -- write back
    lock:release()
  end
end

gather(spawn(server), spawn(server), spawn(server))
print(("counted %d visits, expected %d"):format(counter, 3 * VISITS))
