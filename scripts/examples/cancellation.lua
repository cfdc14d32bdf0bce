-- Teaches: cancel() stops a task. The task gets a Cancelled error at the point
-- where it waits, can clean up in a pcall, and then lets the error go on.
--
-- A download fetches a file in chunks of 0.2 s. At 0.3 s the user presses Stop.
-- The download is in the middle of its second chunk: sleep raises Cancelled, the
-- pcall catches it, the partial file is deleted, and error(err) ends the task as
-- cancelled. Joining it then raises Cancelled too. A task cancelled before it ever
-- started does not run at all.

local function download(file, chunks)
  local got = 0
  local ok, err = pcall(function()
    for i = 1, chunks do
      sleep(0.2)
      got = i
      print(("%.1f %s: chunk %d of %d"):format(now(), file, i, chunks))
    end
  end)
  if not ok then                 -- err is the Cancelled error (or a real failure)
    print(("%.1f %s: stopped after chunk %d, deleting the partial file"):format(now(), file, got))
    error(err)                   -- let it go on, or the task would end as a success
  end
  return got
end

local movie = spawn(download, "movie.mp4", 5)
local never = spawn(download, "song.mp3", 1)
print(("%.1f the user changes their mind about song.mp3: cancel() -> %s")
  :format(now(), never:cancel() and "yes" or "no"))

sleep(0.3)
print(("%.1f the user presses Stop: cancel() -> %s"):format(now(), movie:cancel() and "yes" or "no"))
local ok, err = pcall(movie.join, movie)
if not ok and err.kind == "Cancelled" then
  print(("%.1f join raised Cancelled"):format(now()))
end
for _, t in ipairs({movie, never}) do
  print(("%s: cancelled? %s; cancel() again -> %s")
    :format(t == movie and "movie" or "song", t:cancelled() and "yes" or "no", t:cancel() and "yes" or "no"))
end
