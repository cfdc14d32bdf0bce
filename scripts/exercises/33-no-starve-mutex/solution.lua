-- Exercise 33: take turns. Read README.md in this folder first.
--
-- Three printers share one paper feeder. Each has three jobs, and a job holds the
-- feeder for a second. Nobody should wait while another printer takes the
-- feeder again and again: the feeder goes to whoever has waited longest.

local JOBS = 3
local turns = {}
local feeder = Lock()                 -- released to the longest waiter at once

local function acquire()
  feeder:acquire()
end

local function release()
  feeder:release()
end

local function printer(name, start)
  sleep(start)
  for _ = 1, JOBS do
    acquire()
    turns[#turns + 1] = name
    sleep(1)                          -- print a job
    release()
  end
end

gather(spawn(printer, "A", 0), spawn(printer, "B", 0.05), spawn(printer, "C", 0.15))
print("turns: " .. table.concat(turns, " "))
print(("[%.2f] all printed"):format(now()))
