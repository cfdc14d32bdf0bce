-- Teaches: wait() waits for a list of tasks until all are done, the first one is
-- done, or a timeout passes, and returns two lists: done and still pending.
--
-- A quiz show: three contestants think for different times before they buzz. The
-- host waits for the first buzz (return_when = "first"), then gives the others
-- 0.3 s more (timeout). wait never cancels anything itself: sending home whoever
-- is still thinking is the host's decision, made with cancel().

local function contestant(think)
  sleep(think)
  print(("%.1f %s buzzes"):format(now(), current_task():name()))
  return current_task():name()
end

local players = {}
for _, p in ipairs({{"Ada", 0.3}, {"Ben", 0.1}, {"Cyd", 0.6}}) do
  local t = spawn(contestant, p[2])
  t:set_name(p[1])
  table.insert(players, t)
end

local done, pending = wait(players, {return_when = "first"})
print(("%.1f first to buzz: %s; still thinking: %d"):format(now(), done[1]:result(), #pending))

done, pending = wait(pending, {timeout = 0.3})
for _, t in ipairs(done) do
  print(("%.1f also buzzed in time: %s"):format(now(), t:result()))
end
for _, t in ipairs(pending) do
  print(("%.1f %s is out of time"):format(now(), t:name()))
  t:cancel()
end

done, pending = wait(players)    -- the default: wait for all of them
for _, t in ipairs(done) do
  print(("%s: %s"):format(t:name(), t:cancelled() and "sent home" or "answered"))
end
