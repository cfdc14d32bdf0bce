-- Exercise 11: done means processed. Read README.md in this folder first.
--
-- A photo service puts 8 photos on a queue; 3 workers take them off and resize
-- them, 1 second each. When every photo is resized, the service shuts the workers
-- down (they would wait for more photos forever) and reports.

local PHOTOS, WORKERS = 8, 3
local resized = 0

local function worker(queue)
  while true do
    queue:get()                          -- a photo to resize
    sleep(1)                             -- resize it
    resized = resized + 1
    queue:task_done()                    -- this photo is finished
  end
end

local queue = Queue()
local workers = {}
for w = 1, WORKERS do workers[w] = spawn(worker, queue) end
for n = 1, PHOTOS do queue:put("photo-" .. n) end

queue:join()                             -- wait until every photo is handled
for _, w in ipairs(workers) do w:cancel() end
print(("[%.1f] %d of %d photos resized"):format(now(), resized, PHOTOS))
