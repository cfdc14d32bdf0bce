-- Teaches: a Barrier makes a fixed number of tasks wait for each other, then lets
-- them all go on together. It can be used again, round after round.
--
-- Three hikers walk each leg at their own speed. At each trail junction they wait
-- until all three are there, then set off on the next leg together. n_waiting()
-- tells an arriving hiker how many are already waiting; wait() returns each
-- hiker's place in the round (0 arrived first), and the last to arrive is the one
-- who opens the barrier for everybody.

local junction = Barrier(3)

local function hiker(name, legs)
  for leg, seconds in ipairs(legs) do
    sleep(seconds)
    print(("%.1f %s reaches junction %d, %d already waiting")
      :format(now(), name, leg, junction:n_waiting()))
    local place = junction:wait()
    if place == junction:parties() - 1 then
      print(("%.1f %s was last: everyone moves on"):format(now(), name))
    else
      print(("%.1f %s moves on (arrived %s)"):format(now(), name, place == 0 and "first" or "second"))
    end
  end
end

gather(spawn(hiker, "Ann", {0.1, 0.3}), spawn(hiker, "Ben", {0.3, 0.1}),
  spawn(hiker, "Cid", {0.2, 0.2}))
print(("%.1f all three at the summit; is the barrier broken? %s")
  :format(now(), junction:broken() and "yes" or "no"))
