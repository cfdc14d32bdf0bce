-- Exercise 34: the waiting room without numbers. Read README.md in this folder
-- first.
--
-- A doctor sees one patient at a time. A patient who finds the doctor busy gets
-- a pager of her own (a Semaphore(0)) and waits for it to buzz; the pagers wait
-- in a line, and a patient who leaves buzzes the first one.

local PATIENTS = {               -- name, arrives at, visit takes (seconds)
  {"Ann", 0.0, 1.5}, {"Ben", 0.3, 1.0}, {"Cat", 1.6, 1.5}, {"Dan", 3.2, 1.0},
}
local doctor_busy = false
local pagers = {}                -- of the patients who wait, first come first

local function see_doctor()
  if doctor_busy then
    local mine = Semaphore(0)
    table.insert(pagers, mine)   -- to the back of the line
    mine:acquire()               -- until it buzzes: the doctor is mine now
  end
  doctor_busy = true
end

local function leave()
  local first = table.remove(pagers, 1)
  if first then first:release()  -- hand the doctor over: still busy
  else doctor_busy = false end
end

local function patient(name, arrives, visit)
  sleep(arrives)
  print(("[%.1f] %s arrives"):format(now(), name))
  see_doctor()
  print(("[%.1f] %s sees the doctor"):format(now(), name))
  sleep(visit)
  leave()
end

local visits = {}
for i, p in ipairs(PATIENTS) do visits[i] = spawn(patient, p[1], p[2], p[3]) end
wait(visits)
print(("[%.1f] the doctor goes home"):format(now()))
