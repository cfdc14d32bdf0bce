-- Exercise 07: the editor who never gets a turn. Read README.md in this folder
-- first.
--
-- Three readers read a wiki page over and over, one second per read, while an
-- editor wants to publish version 2. Many readers may read at once; the editor
-- needs the page to himself. The readers use a "lightswitch": the first reader in
-- locks the editor out, the last reader out lets him in.

local READS = 5
local version, new_reads = 1, 0
local room_empty = Semaphore(1)          -- taken by the editor, or by the readers
local readers, mutex = 0, Lock()         -- how many read now; mutex guards it
local turnstile = Lock()                 -- held by an editor who waits

local function reader(start)
  sleep(start)
  for _ = 1, READS do
    turnstile:acquire()                               -- stops here while
    turnstile:release()                               -- an editor waits
    mutex:with(function()
      readers = readers + 1
      if readers == 1 then room_empty:acquire() end   -- first one in
    end)
    if version == 2 then new_reads = new_reads + 1 end
    sleep(1)                                          -- read
    mutex:with(function()
      readers = readers - 1
      if readers == 0 then room_empty:release() end   -- last one out
    end)
  end
end

local function editor()
  sleep(1.5)
  print(("[%.1f] editor wants to publish version 2"):format(now()))
  turnstile:acquire()                                 -- no new readers
  room_empty:acquire()
  print(("[%.1f] editor starts writing"):format(now()))
  sleep(1)                                            -- write
  version = 2
  print(("[%.1f] editor publishes version 2"):format(now()))
  room_empty:release()
  turnstile:release()
end

gather(spawn(reader, 0), spawn(reader, 0.3), spawn(reader, 0.6), spawn(editor))
print(("%d of %d reads saw version 2"):format(new_reads, 3 * READS))
