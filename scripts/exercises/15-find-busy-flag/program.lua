-- Exercise 15: find the schedule that breaks this. Read README.md in this folder,
-- and "Finding the interleaving that breaks a script" in the project's README.md.
--
-- Two colleagues share one printer. There is no Lock: a "busy" flag says whether
-- somebody is at the printer. Each of them waits until it is not busy, walks over,
-- sets the flag, prints, and clears it again.

local busy = false        -- someone is at the printer
local at_printer = 0      -- how many people are at the printer right now

local function print_job(who, pages, typing)
  for i = 1, typing do sleep(0) end        -- finish typing the document
  while busy do sleep(0) end               -- wait until the printer is free
  sleep(0)                                 -- walk over to the printer
  busy = true
  at_printer = at_printer + 1
  assert(at_printer == 1, "at most one person is at the printer at a time")
  for p = 1, pages do
    print(who .. " prints page " .. p)
    sleep(0)                               -- the printer needs a moment per page
  end
  at_printer = at_printer - 1
  busy = false
end

gather(spawn(print_job, "Ada", 2, 0), spawn(print_job, "Bob", 2, 1))
print("both documents printed")
