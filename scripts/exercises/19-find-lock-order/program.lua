-- Exercise 19: find the schedule that breaks this. Read README.md in this folder,
-- and "Finding the interleaving that breaks a script" in the project's README.md.
--
-- A bank moves money between two accounts. Each account has its own Lock, and a
-- transfer holds both locks while it moves the money: first the lock of the
-- account it takes from, then the lock of the account it pays into. Ada sends Bob
-- 30 euros; at the same moment Bob sends Ada 20, a payment the bank screens for
-- fraud first.

local accounts = {
  Ada = {balance = 100, lock = Lock()},
  Bob = {balance = 100, lock = Lock()},
}

local function transfer(from, to, amount, screening)
  for s = 1, screening do sleep(0) end     -- the fraud check, step by step
  local a, b = accounts[from], accounts[to]
  a.lock:acquire()
  sleep(0)                                 -- read the balance from the database
  b.lock:acquire()
  a.balance = a.balance - amount
  b.balance = b.balance + amount
  print(("%s pays %s %d euros"):format(from, to, amount))
  b.lock:release()
  a.lock:release()
end

gather(spawn(transfer, "Ada", "Bob", 30, 0), spawn(transfer, "Bob", "Ada", 20, 2))
print(("Ada has %d euros, Bob %d"):format(accounts.Ada.balance, accounts.Bob.balance))
