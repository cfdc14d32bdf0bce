# The asyncio twin of ticker_task_group.lua: asyncio.TaskGroup's __aexit__ wakes
# two loop iterations after the last child ends (the child's done-callback, then
# the future the group's __aexit__ awaits).
import asyncio


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def child(name, steps):
    for step in range(1, steps + 1):
        if step > 1:
            await asyncio.sleep(0)
        print(f"{name}: step {step} of {steps}")


async def main():
    ticks = asyncio.create_task(ticker(7))
    print("main: opens a task group")
    async with asyncio.TaskGroup() as g:
        g.create_task(child("short", 1))
        g.create_task(child("long", 3))
        print("main: the group's body is done, now it waits for the children")
    print("main: the group has ended")
    await ticks


asyncio.run(main())
