-- Teaches: a Future is a result that is not there yet. Tasks wait for it (join),
-- functions subscribe to it (add_done_callback); when it gets its result they run
-- in the order they subscribed, one iteration later. A future is completed once:
-- set_result again is an InvalidState error. It can hold an error instead, or be
-- cancelled, and whoever waits for it gets that.
--
-- A parcel is on its way: Ann and Ben wait for it, a notifier is subscribed.

local function say(what)
  print(("%.1f %s"):format(now(), what))
end

local function waiter(name, fut)
  local value = fut:join()
  say(name .. " got " .. value)
end

local function on_done(fut)
  say("notifier: the parcel is " .. fut:result())
end

local function never(fut)
  say("this callback was removed")
end

local parcel = Future()
print(parcel)
parcel:add_done_callback(never)
parcel:add_done_callback(on_done)
parcel:add_done_callback(never)
print("removed", parcel:remove_done_callback(never))
local ann = spawn(waiter, "Ann", parcel)
local ben = spawn(waiter, "Ben", parcel)
sleep(0)
print("done:", tostring(parcel:done()))
local ok, err = pcall(parcel.result, parcel)
print("result too early:", err.message)
call_later(1, parcel.set_result, parcel, "here")
ann:join()
ben:join()
print(parcel, parcel:result())
ok, err = pcall(parcel.set_result, parcel, "again")
print("set_result again:", err.message)

local lost = Future()
lost:set_error("lost in the post")
print(lost, lost:error())
ok, err = pcall(lost.join, lost)
print("await raised:", err)

local shop = Future()
local cat = spawn(waiter, "Cat", shop)
sleep(0)
print("cancel:", tostring(shop:cancel("shop closed")))
print(shop, tostring(shop:cancelled()))
ok, err = pcall(cat.join, cat)
print("Cat's wait was cancelled:", err.message)
