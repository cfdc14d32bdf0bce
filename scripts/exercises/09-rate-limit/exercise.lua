-- Exercise 09: rate limiting. Read README.md in this folder first.
--
-- A script downloads seven pages from a web API. The API allows each client at most
-- three requests at a time and answers any request beyond that with
-- "429 Too Many Requests".

local PAGES, LIMIT = 7, 3
local open, busiest = 0, 0           -- the server's view of our connections

local function server(page)
  open = open + 1
  busiest = math.max(busiest, open)
  if open > LIMIT then
    open = open - 1
    return "429 Too Many Requests"
  end
  sleep(1)                           -- send the page
  open = open - 1
  return "200 OK"
end

local function fetch(page)
  return server(page)
end

local downloads = {}
for page = 1, PAGES do downloads[page] = spawn(fetch, page) end
local fetched = 0
for _, download in ipairs(downloads) do
  if download:join() == "200 OK" then fetched = fetched + 1 end
end
print(("%d pages fetched, %d refused"):format(fetched, PAGES - fetched))
print(("at most %d requests at a time"):format(busiest))
print(("[%.1f] done"):format(now()))
