-- Teaches: when the main chunk returns, the tasks still running are cancelled, as
-- asyncio.run cancels them: each gets a Cancelled error where it waits, its
-- cleanup runs (and may wait), and the program ends once they all have. A
-- heartbeat that loops forever does not keep the program alive. (luasync also
-- says on stderr which tasks were still running, and where they waited.)
--
-- An office closes for the night.

local function heartbeat()
  local beats = 0
  local ok, err = pcall(function()
    while true do
      sleep(0.2)
      beats = beats + 1
      print(("%.1f beat %d"):format(now(), beats))
    end
  end)
  print(("%.1f heartbeat stops after %d beats: %s"):format(now(), beats, err.kind))
  error(err, 0)                    -- stay cancelled
end

local function saver()
  local ok, err = pcall(sleep, 10)
  sleep(0.2)                       -- cleanup may wait, too
  print(("%.1f saver: the work is saved"):format(now()))
  error(err, 0)
end

local function courier()
  print(("%.1f courier sets off"):format(now()))
  sleep(5)
  print("the courier never gets here")
end

spawn(heartbeat)
spawn(saver)
sleep(0.7)
spawn(courier)                     -- ready when main returns: it gets its first step
print(("%.1f the main chunk returns"):format(now()))
