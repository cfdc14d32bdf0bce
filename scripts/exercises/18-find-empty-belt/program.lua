-- Exercise 18: find the schedule that breaks this. Read README.md in this folder,
-- and "Finding the interleaving that breaks a script" in the project's README.md.
--
-- Two packers, Ada and Bob, take parcels off a conveyor belt (a Queue). Each looks
-- whether the belt is empty; if not, reaches for the parcel and takes it with
-- get_nowait() (which raises QueueEmpty on an empty queue), then packs it.

local belt = Queue()
for i = 1, 4 do belt:put("parcel " .. i) end

local function packer(name)
  local count = 0
  while not belt:empty() do                -- look: is there a parcel?
    sleep(0)                               -- reach for it
    local ok, parcel = pcall(belt.get_nowait, belt)
    assert(ok, "a packer who saw a parcel on the belt gets one")
    print(name .. " packs " .. parcel)
    count = count + 1
    sleep(0)                               -- pack it
  end
  return count
end

local ada, bob = gather(spawn(packer, "Ada"), spawn(packer, "Bob"))
print(("Ada packed %d parcels, Bob %d"):format(ada, bob))
