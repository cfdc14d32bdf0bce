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
local no_readers = Semaphore(1)        -- held by the editors as a group: no new readers
local no_writers = Semaphore(1)        -- held by the readers as a group, or by one editor

-- A lightswitch: the first of a group in takes room, the last one out gives it back.
local function lightswitch(room)
  local count, lock = 0, Lock()
  return {
    enter = function() lock:with(function() count = count + 1 if count == 1 then room:acquire() end end) end,
    leave = function() lock:with(function() count = count - 1 if count == 0 then room:release() end end) end,
  }
end
local reading, writing = lightswitch(no_writers), lightswitch(no_readers)

local function reader(who)
  no_readers:acquire()                 -- wait while editors wait or write
  reading.enter()
  no_readers:release()
  local began = now()
  sleep(1)                             -- read
  log[#log + 1] = ("[%.1f-%.1f] %s read version %d"):format(began, now(), who, version)
  reading.leave()
end

local function editor(who)
  writing.enter()                      -- the first editor keeps new readers out
  no_writers:acquire()                 -- one editor at a time, and no reader
  local began = now()
  sleep(1)                             -- write
  version = version + 1
  log[#log + 1] = ("[%.1f-%.1f] %s wrote version %d"):format(began, now(), who, version)
  no_writers:release()
  writing.leave()
end

local crowd = {}
for i, p in ipairs(PEOPLE) do
  local role = p[1]:sub(1, 1) == "R" and reader or editor
  crowd[i] = spawn(function() sleep(p[2]) role(p[1]) end)
end
wait(crowd)
table.sort(log)
for _, line in ipairs(log) do print(line) end
