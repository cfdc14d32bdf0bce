-- Teaches: a PriorityQueue hands out the most urgent item first (the lowest
-- priority number); items with the same priority are compared as Python compares
-- (priority, item) tuples: two strings alphabetically, two numbers by value.
--
-- An emergency room: patients arrive with an urgency from 1 (critical) to 3 (minor),
-- and one doctor treats them one at a time, 0.2 s each, always taking the most
-- urgent patient waiting. The broken arm goes first although it arrived second; the
-- heart attack, arriving later, jumps the queue; of the two minor cases the headache
-- comes before the sprained ankle, not because it came first (it did not) but
-- because "headache" < "sprained ankle". When join() says everyone has been
-- treated, the doctor's shift is cancelled while they wait in get() for a next
-- patient.

local er = PriorityQueue()

local function doctor()
  sleep(0.1)                             -- the doctor arrives a little late
  while true do
    local patient, urgency = er:get()    -- the lowest urgency number first
    print(("%.1f doctor treats the %s (urgency %d)"):format(now(), patient, urgency))
    sleep(0.2)
    er:task_done()
  end
end

local function arrive(patient, urgency)
  er:put(patient, urgency)
  print(("%.1f %s arrives, urgency %d, %d waiting"):format(now(), patient, urgency, er:qsize()))
end

local shift = spawn(doctor)
arrive("sprained ankle", 3)
arrive("broken arm", 2)
arrive("headache", 3)
sleep(0.2)
arrive("heart attack", 1)
er:join()                                -- every patient has had task_done()
print(("%.1f everyone is treated, the doctor goes home"):format(now()))
shift:cancel()
