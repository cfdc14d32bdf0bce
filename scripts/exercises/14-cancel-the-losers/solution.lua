-- Exercise 14: cancel the losers. Read README.md in this folder first.
--
-- An installer downloads the same file from three mirrors at once and uses
-- whichever copy arrives first. The other downloads are then useless.

local MIRRORS = {                            -- mirror, and the seconds it needs
  {"eu.example.org", 3},
  {"us.example.org", 1},
  {"asia.example.org", 2},
}

local function download(mirror, seconds)
  sleep(seconds)                             -- the download
  print(("[%.1f] %s: download complete"):format(now(), mirror))
  return mirror
end

local downloads = {}
for i, m in ipairs(MIRRORS) do downloads[i] = spawn(download, m[1], m[2]) end
local done, pending = wait(downloads, {return_when = "first"})
print(("[%.1f] installing the copy from %s"):format(now(), done[1]:result()))
for _, d in ipairs(pending) do d:cancel() end  -- the others are not needed

wait(downloads)                              -- the installer exits after this
print(("[%.1f] installer exits"):format(now()))
