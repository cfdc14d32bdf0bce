-- A check-then-act late in a long run: worker 3's 15th step reads, waits, writes.
local balance, paid = 100, 0
local function worker(id)
  for step = 1, 20 do
    if id == 3 and step == 15 then
      local seen = balance
      sleep(0)
      balance = seen - 10
      paid = paid + 10
    else
      sleep(0)
    end
    if id == 4 and step == 15 then balance = balance - 10; paid = paid + 10 end
  end
end
gather(spawn(worker, 1), spawn(worker, 2), spawn(worker, 3), spawn(worker, 4))
print(balance + paid)
