-- Exercise 10: clean up when cancelled. Read README.md in this folder first.
--
-- A web app runs its database queries on a pool of two connections, and gives
-- every query one second: wait_for cancels a query that takes longer.

local pool = Queue()                     -- the free connections
pool:put("conn-A")
pool:put("conn-B")

local function query(sql, seconds)
  local conn = pool:get()                -- borrow a connection (waits if none)
  sleep(seconds)                         -- the database works
  pool:put(conn)                         -- give it back
  return conn
end

local QUERIES = {                        -- SQL, and the seconds it takes
  {"SELECT name FROM users", 0.5},
  {"SELECT * FROM sales_2023", 5},       -- far too slow
  {"SELECT id FROM orders", 0.5},
  {"SELECT * FROM logs, users", 5},      -- far too slow
  {"SELECT sum(price) FROM items", 0.5},
  {"SELECT count(*) FROM users", 0.5},
}

for _, q in ipairs(QUERIES) do
  local ok, result = pcall(wait_for, query, 1, q[1], q[2])
  if ok then
    result = "ok, on " .. result
  else
    result = result.kind                 -- "Timeout"
  end
  print(("[%.1f] %-30s %s"):format(now(), q[1], result))
end
print(("free connections at the end: %d of 2"):format(pool:qsize()))
