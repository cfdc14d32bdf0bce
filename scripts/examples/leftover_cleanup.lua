-- Teaches: when the main chunk returns, the tasks left are cancelled and the run
-- waits only for them. A task that their cleanup starts is not waited for: it runs
-- for a few loop iterations (while asyncio.run finishes its own shutdown) and is
-- then dropped, unfinished. (luasync says on stderr which task was dropped.)
--
-- A shop closes; the cleaner starts a radio on the way out.

local function radio()
  local song = 0
  while true do
    song = song + 1
    print("radio plays song " .. song)
    sleep(0)
  end
end

local function cleaner()
  local ok, err = pcall(sleep, 60)
  print("cleaner: closing time (" .. err.kind .. ")")
  spawn(radio)
  sleep(0)
  print("cleaner: floor swept")
  sleep(0)
  print("cleaner: lights off, going home")
  error(err, 0)                    -- stay cancelled
end

spawn(cleaner)
sleep(1)
print("the main chunk returns")
