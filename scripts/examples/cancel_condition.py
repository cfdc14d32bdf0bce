# The asyncio twin of cancel_condition.lua: cancelling tasks in asyncio.Condition.wait
# (Python 3.13: wait takes the lock back even when cancelled, and a notified task
# that is cancelled notifies another).
import asyncio

cond = None


def yes(b):
    return "yes" if b else "no"


async def waiter(name):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print(f"{name}: Cancelled, and holds the lock: {yes(cond.locked())}")
            raise
        print(f"{name}: notified, has the lock")
        await asyncio.sleep(0)
        print(f"{name}: lets go")


async def main():
    global cond
    cond = asyncio.Condition()
    print("-- a notified waiter is cancelled")
    ada = asyncio.create_task(waiter("Ada"))
    ben = asyncio.create_task(waiter("Ben"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        ada.cancel()
        print("main: notified one and cancelled Ada")
    await ben
    print(f"main: Ben is done, Ada cancelled: {yes(ada.cancelled())}")

    print("-- a waiter cancelled while it waits for the lock")
    cy, dee, eli = (asyncio.create_task(waiter(n)) for n in ("Cy", "Dee", "Eli"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        print("main: notified all")
    await asyncio.sleep(0)
    dee.cancel()
    print(f"main: cancelled Dee, locked: {yes(cond.locked())}")
    await cy
    await eli
    try:
        await dee
    except asyncio.CancelledError:
        pass
    print(f"main: all done, locked: {yes(cond.locked())}")


asyncio.run(main())
