-- Exercise 34: the waiting room without numbers. Read README.md in this folder
-- first.
--
-- A doctor sees one patient at a time. There are no numbers to draw: a patient
-- who finds the doctor busy reads a magazine and looks at the door again every
-- second. Whoever finds it open goes in.

local PATIENTS = {               -- name, arrives at, visit takes (seconds)
  {"Ann", 0.0, 1.5}, {"Ben", 0.3, 1.0}, {"Cat", 1.6, 1.5}, {"Dan", 3.2, 1.0},
}
local doctor_busy = false

local function see_doctor()
  while doctor_busy do sleep(1) end   -- read, then look at the door again
  doctor_busy = true
end

local function leave()
  doctor_busy = false
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
