-- Exercise 04: backpressure. Read README.md in this folder first.
--
-- A camera takes a photo every 0.1 seconds; an uploader needs 1 second per photo
-- on a slow mobile connection. Photos waiting for the upload sit in a Queue, in the
-- phone's memory.

local PHOTOS = 10
local most_waiting, camera_done, uploads_done = 0, nil, nil

local function camera(queue)
  for n = 1, PHOTOS do
    sleep(0.1)                               -- take a photo
    queue:put("photo-" .. n)
    most_waiting = math.max(most_waiting, queue:qsize())
  end
  queue:close()
  camera_done = now()
end

local function uploader(queue)
  local uploaded = 0
  for _ in queue:items() do
    sleep(1)                                 -- upload it
    uploaded = uploaded + 1
  end
  uploads_done = now()
  return uploaded
end

local queue = Queue(3)                       -- when full, the camera waits
local _, uploaded = gather(spawn(camera, queue), spawn(uploader, queue))
print(("uploaded %d photos"):format(uploaded))
print(("at most %d photos waited in memory"):format(most_waiting))
print(("camera finished at %.1f, uploads at %.1f"):format(camera_done, uploads_done))
