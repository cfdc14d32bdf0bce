-- Exercise 17: find the schedule that breaks this. Read README.md in this folder,
-- and "Finding the interleaving that breaks a script" in the project's README.md.
--
-- A small restaurant. The cook puts each dish on the pass and rings the bell (an
-- Event). The waiter waits for the bell, clears it for the next dish, and carries
-- one dish to the table. Two dishes are ordered tonight.

local pass = {}           -- dishes ready to be served
local bell = Event()
local orders = {"soup", "pasta"}

local function cook()
  for _, dish in ipairs(orders) do
    table.insert(pass, dish)
    print("cook: " .. dish .. " is ready")
    bell:set()
    sleep(0)                               -- turn to the next order
  end
end

local function waiter()
  for i = 1, #orders do                    -- one ring of the bell for each dish
    bell:wait()
    bell:clear()
    local dish = table.remove(pass, 1)
    print("waiter serves the " .. dish)
  end
end

gather(spawn(waiter), spawn(cook))
print("every dish was served")
