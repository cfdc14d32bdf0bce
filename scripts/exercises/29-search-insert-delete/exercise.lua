-- Exercise 29: search, insert, delete. Read README.md in this folder first.
--
-- A shared list has three kinds of users. Searchers only read it: any number may
-- search at once. Inserters add at the end: one at a time, but while others
-- search. Deleters may remove from anywhere: nobody else may use the list then.
-- Every operation takes one second.

local OPERATIONS = {           -- who, what, and when it starts
  {"S1", "search", 0.0}, {"I1", "insert", 0.1}, {"S2", "search", 0.2},
  {"I2", "insert", 0.3}, {"D1", "delete", 0.4},
}
local list, log = {"a", "b", "c"}, {}
local lock = Lock()            -- the list is used by one at a time

local function search(who) local first = list[1] sleep(1) assert(first == list[1], who .. " lost its place: an item was deleted under it") end
local function insert(who) local n = #list sleep(1) list[n + 1] = who end
local function delete(who) sleep(1) table.remove(list, 1) end
local DO = {search = search, insert = insert, delete = delete}

local function user(who, what, start)
  sleep(start)
  lock:acquire()
  local began = now()
  DO[what](who)
  log[#log + 1] = ("%-2s %-6s from %.1f to %.1f"):format(who, what, began, now())
  lock:release()
end

local users = {}
for i, op in ipairs(OPERATIONS) do users[i] = spawn(user, op[1], op[2], op[3]) end
wait(users)
table.sort(log, function(a, b) return a:sub(-10) < b:sub(-10) or (a:sub(-10) == b:sub(-10) and a < b) end)
for _, line in ipairs(log) do print(line) end
print(("list: %s; [%.1f] all done"):format(table.concat(list, " "), now()))
