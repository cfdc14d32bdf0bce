-- Exercise 03: the printer that never stops waiting. Read README.md in this folder
-- first.
--
-- An office sends a report of five pages to the printer through a Queue. The
-- printer prints each page as it arrives.

local function office(pages, jobs)
  for page = 1, pages do
    sleep(1)                      -- write the page
    jobs:put(("page %d of %d"):format(page, pages))
  end
  jobs:close()                    -- no more pages: the printer's loop ends
end

local function printer(jobs)
  local printed = 0
  for page in jobs:items() do     -- stops once the queue is closed and empty
    sleep(0.5)                    -- print it
    printed = printed + 1
    print(("[%.1f] printed %s"):format(now(), page))
  end
  return printed
end

local jobs = Queue()
local _, printed = gather(spawn(office, 5, jobs), spawn(printer, jobs))
print(("report done: %d pages"):format(printed))
