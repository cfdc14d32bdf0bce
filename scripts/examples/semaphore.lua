-- Teaches: a Semaphore lets at most N tasks into a section at the same time.
--
-- A small kitchen has two stoves and four cooks. The semaphore starts at 2, one
-- permit per stove, and each cook holds a permit with with() while cooking. The
-- first two cooks start at once; the other two wait in line, and each stove that
-- comes free goes to the cook who has waited longest.

local stoves = Semaphore(2)

local function cook(name, dish, seconds)
  print(("%.1f %s wants a stove for the %s"):format(now(), name, dish))
  stoves:with(function()
    print(("%.1f %s starts the %s"):format(now(), name, dish))
    sleep(seconds)
    print(("%.1f %s's %s is done"):format(now(), name, dish))
  end)                           -- the permit goes back here
end

local function free()
  return stoves:locked() and "no" or "yes"
end

local cooks = {
  spawn(cook, "Ana", "soup", 0.3),
  spawn(cook, "Ben", "rice", 0.1),
  spawn(cook, "Cy", "stew", 0.3),
  spawn(cook, "Di", "omelette", 0.2),
}
print(("%.1f kitchen opens; is a stove free? %s"):format(now(), free()))
sleep(0.2)
print(("%.1f is a stove free? %s"):format(now(), free()))
gather(unpack(cooks))
print(("%.1f kitchen closes; is a stove free? %s"):format(now(), free()))
