# The asyncio twin of condition_notify.lua: asyncio.Condition.notify wakes waiters
# in order; each then takes the lock back, one at a time, before wait() returns.
import asyncio

cond = None


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def cook(name):
    async with cond:
        print(f"{name}: waits for an order")
        await cond.wait()
        print(f"{name}: woken, has the lock")
        await asyncio.sleep(0)
        print(f"{name}: lets go of the lock")


async def main():
    global cond
    cond = asyncio.Condition()
    ticks = asyncio.create_task(ticker(14))
    cooks = [asyncio.create_task(cook(n)) for n in ("Ann", "Ben", "Cal")]
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify(1)
    print("main: notified one, holds the lock one more iteration")
    await asyncio.sleep(0)
    cond.release()
    print(f"main: released the lock, locked: {str(cond.locked()).lower()}")
    await cooks[0]
    async with cond:
        cond.notify_all()
        print("main: notified all")
    for c in cooks:
        await c
    await ticks


asyncio.run(main())
