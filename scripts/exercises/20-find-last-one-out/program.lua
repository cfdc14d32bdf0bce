-- Exercise 20: find the schedule that breaks this. Read README.md in this folder,
-- and "Finding the interleaving that breaks a script" in the project's README.md.
--
-- Three workers share a job; each has a different number of parts to do. When a
-- worker is done, it writes the new count of finished workers in the logbook (a
-- Lock keeps two from writing at once). The one who writes 3 is the last one out:
-- it turns off the lights (an Event). Everybody waits for that before going home.

local WORKERS = 3
local finished = 0
local logbook = Lock()
local lights_off = Event()

local function worker(name, parts)
  for p = 1, parts do sleep(0) end         -- do my parts of the job
  local before = finished                  -- reading needs no lock... does it?
  logbook:with(function()
    sleep(0)                               -- find the page in the logbook
    finished = before + 1
    print(("%s is done: %d of %d"):format(name, finished, WORKERS))
  end)
  if finished == WORKERS then
    print(name .. " turns off the lights")
    lights_off:set()
  end
  lights_off:wait()
end

gather(spawn(worker, "Ada", 1), spawn(worker, "Bob", 2), spawn(worker, "Cy", 3))
print("everybody went home")
