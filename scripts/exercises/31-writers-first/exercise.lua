-- Exercise 31: writers first. Read README.md in this folder first.
--
-- A newsroom's live page is read by readers and updated by editors. Readers may
-- read together; an editor writes alone. News cannot wait: once an editor is
-- waiting, no new reader may start before every waiting editor has written.
-- Reading and writing take one second each.

local PEOPLE = {               -- who comes, and when
  {"R1", 0.0}, {"E1", 0.2}, {"R2", 0.3}, {"E2", 0.4}, {"R3", 0.5},
}
local version, log = 1, {}
local room_empty = Semaphore(1)        -- taken by an editor, or by the readers
local readers, mutex = 0, Lock()       -- how many read now; mutex guards it
local turnstile = Lock()               -- held by an editor who waits

local function reader(who)
  turnstile:acquire()                  -- wait behind an editor who came first
  turnstile:release()
  mutex:with(function()
    readers = readers + 1
    if readers == 1 then room_empty:acquire() end
  end)
  local began = now()
  sleep(1)                             -- read
  log[#log + 1] = ("[%.1f-%.1f] %s read version %d"):format(began, now(), who, version)
  mutex:with(function()
    readers = readers - 1
    if readers == 0 then room_empty:release() end
  end)
end

local function editor(who)
  turnstile:acquire()                  -- no new readers
  room_empty:acquire()
  local began = now()
  sleep(1)                             -- write
  version = version + 1
  log[#log + 1] = ("[%.1f-%.1f] %s wrote version %d"):format(began, now(), who, version)
  room_empty:release()
  turnstile:release()
end

local crowd = {}
for i, p in ipairs(PEOPLE) do
  local role = p[1]:sub(1, 1) == "R" and reader or editor
  crowd[i] = spawn(function() sleep(p[2]) role(p[1]) end)
end
wait(crowd)
table.sort(log)
for _, line in ipairs(log) do print(line) end
