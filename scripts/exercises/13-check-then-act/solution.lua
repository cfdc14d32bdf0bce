-- Exercise 13: check, then act. Read README.md in this folder first.
--
-- A family shares one bank account with 100 euros in it. Five of them withdraw 30
-- euros at the same time, at five different cash machines. A machine checks the
-- balance, asks the bank's central computer to approve (which takes a moment) and
-- pays out.

local balance = 100
local paid, refused = 0, 0
local account = Lock()                       -- one machine at a time

local function withdraw(amount)
  account:acquire()                          -- before the check, not after it
  if balance >= amount then                  -- check
    sleep(0.1)                               -- the central computer approves
    balance = balance - amount               -- act
    paid = paid + 1
  else
    refused = refused + 1
  end
  account:release()
end

local machines = {}
for m = 1, 5 do machines[m] = spawn(withdraw, 30) end
wait(machines)
print(("%d withdrawals paid, %d refused"):format(paid, refused))
print(("balance: %d euros"):format(balance))
