-- Teaches: shield(task) returns a Future that ends as the task ends, but whose
-- cancellation does not reach the task (asyncio.shield): a caller cancelled while
-- it waits on the shield gets Cancelled, and the task runs on. Cancelling the task
-- itself still reaches whoever waits on the shield. A finished task's shield is
-- the task. With wait_for, the classic use: give up waiting, not the work.

local function save(what)
  print("save: writing " .. what)
  sleep(1)
  print("save: " .. what .. " written")
  return what .. " saved"
end

print("-- the caller is cancelled; the shielded task goes on")
local saving = spawn(save, "report")
local caller = spawn(function()
  local ok, err = pcall(function() return shield(saving):join() end)
  print("caller: " .. err.kind .. " while it waited")
  error(err)
end)
sleep(0.5)
caller:cancel()
pcall(caller.join, caller)
print("main: caller cancelled: " .. tostring(caller:cancelled()) .. ", report done: " .. tostring(saving:done()))
print("main: " .. saving:join())

print("-- cancelling the task itself reaches who waits on the shield")
local draft = spawn(save, "draft")
local f = shield(draft)
spawn(function() sleep(0.5) draft:cancel() end)
local ok, err = pcall(f.join, f)
print("main: join raised " .. err.kind .. "; the shield is cancelled: " .. tostring(f:cancelled()))

print("-- a finished task's shield is the task")
print("main: " .. tostring(shield(saving) == saving))

print("-- wait_for on a shield: stop waiting, not working")
local archive = spawn(save, "archive")
local ok, err = pcall(wait_for, function() return shield(archive):join() end, 0.5)
print("main: wait_for raised " .. err.kind .. ", archive cancelled: " .. tostring(archive:cancelled()))
print("main: " .. archive:join())
