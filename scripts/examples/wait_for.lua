-- Teaches: wait_for() puts a time limit on a job. If the job is not finished in
-- time, it is cancelled, and wait_for raises a Timeout error.
--
-- You are hungry and give each pizzeria 0.5 s. Luigi's delivers in 0.3 s and you
-- get your pizza. Mario's would need 0.8 s: after 0.5 s wait_for cancels the order.
-- Mario's gets a Cancelled error where it is waiting, tidies up in its pcall and
-- passes the error on; only once it has finished does wait_for raise Timeout.

local function deliver(shop, seconds)
  local ok, err = pcall(sleep, seconds)
  if not ok then
    print(("%.1f %s: order cancelled, the staff eat the pizza"):format(now(), shop))
    error(err)                   -- pass the cancellation on
  end
  print(("%.1f %s: pizza delivered"):format(now(), shop))
  return "a margherita from " .. shop
end

for _, order in ipairs({{"Luigi's", 0.3}, {"Mario's", 0.8}}) do
  local shop, seconds = order[1], order[2]
  local start = now()
  print(("%.1f ordering from %s"):format(now(), shop))
  local ok, result = pcall(wait_for, deliver, 0.5, shop, seconds)
  if ok then
    print(("%.1f dinner: %s"):format(now(), result))
  elseif type(result) == "table" and result.kind == "Timeout" then
    print(("%.1f gave up on %s after %.1f s"):format(now(), shop, now() - start))
  else
    error(result, 0)             -- anything else is a real failure
  end
end
