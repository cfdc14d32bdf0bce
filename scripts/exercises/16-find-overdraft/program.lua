-- Exercise 16: find the schedule that breaks this. Read README.md in this folder,
-- and "Finding the interleaving that breaks a script" in the project's README.md.
--
-- Ada and Bob share an account with 100 euros. They each go to a cash machine at
-- the same moment: Ada wants 70 euros, Bob 60. A machine checks the balance, asks
-- the bank to approve (which takes a moment) and pays out. Bob's machine also
-- makes him type his PIN first.

local balance = 100

local function withdraw(who, amount, pin_digits)
  for d = 1, pin_digits do sleep(0) end    -- type the PIN, one digit at a time
  if balance >= amount then                -- check
    sleep(0)                               -- the bank approves
    balance = balance - amount             -- act
    print(("%s takes %d euros, %d left"):format(who, amount, balance))
  else
    print(("%s is refused: only %d euros left"):format(who, balance))
  end
  assert(balance >= 0, "the balance never goes below zero")
end

gather(spawn(withdraw, "Ada", 70, 0), spawn(withdraw, "Bob", 60, 2))
print(("balance at the end of the day: %d euros"):format(balance))
