-- Teaches: a BoundedSemaphore is a Semaphore that refuses to be released more often
-- than it was acquired, so the bug of giving back what you never took shows up at
-- once instead of silently letting too many tasks in.
--
-- A museum lends two audio guides. Before opening, a confused visitor "returns" a
-- guide they never borrowed. With a plain Semaphore the museum now believes it has
-- three guides, and three visitors walk in at once. With a BoundedSemaphore the
-- extra return is refused with an error, and the third visitor waits as she should.

local function visit(guides, name)
  guides:with(function()
    print(("%.1f %s borrows a guide"):format(now(), name))
    sleep(0.2)
    print(("%.1f %s gives it back"):format(now(), name))
  end)
end

for _, kind in ipairs({"Semaphore", "BoundedSemaphore"}) do
  print("-- " .. kind .. "(2)")
  local guides = kind == "Semaphore" and Semaphore(2) or BoundedSemaphore(2)
  local ok = pcall(guides.release, guides)   -- the confused visitor
  print(ok and "the extra guide is accepted" or "the extra guide is refused: released too many times")
  gather(spawn(visit, guides, "Ann"), spawn(visit, guides, "Bob"), spawn(visit, guides, "Cleo"))
end
