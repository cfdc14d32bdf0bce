-- Exercise 24: building H2O. Read README.md in this folder first.
--
-- Atoms drift into the reactor one at a time: four hydrogens and two oxygens.
-- Three atoms bond into a molecule, and every molecule must be water: two
-- hydrogens and one oxygen.

local ARRIVALS = {               -- who comes in, in this order, 0.1 s apart
  "H1", "H2", "H3", "O1", "H4", "O2",
}
local forming, molecules = {}, {}    -- the atoms at the barrier, the molecules made
local bond = Barrier(3)              -- three atoms bond at once
local room = {                       -- places at the barrier, by element
  H = Semaphore(2),
  O = Semaphore(1),
}

local function atom(name, arrival)
  sleep(arrival)
  local place = room[name:sub(1, 1)]
  place:acquire()                    -- wait for a place of my element
  forming[#forming + 1] = name
  bond:wait()                        -- wait for two partners
  if #forming == 3 then              -- the first one out writes the molecule down
    molecules[#molecules + 1] = forming
    forming = {}
  end
  place:release()
end

local atoms = {}
for i, name in ipairs(ARRIVALS) do atoms[i] = spawn(atom, name, 0.1 * i) end
wait(atoms)
for i, m in ipairs(molecules) do
  table.sort(m, function(a, b) return a:sub(1, 1) > b:sub(1, 1) or (a:sub(1, 1) == b:sub(1, 1) and a < b) end)
  print(("molecule %d: %s"):format(i, table.concat(m, " + ")))
end
