# The asyncio twin of cancel_lock.lua: cancelling tasks that wait in
# asyncio.Lock.acquire, before and after release() woke them.
import asyncio

lock = None


def yes(b):
    return "yes" if b else "no"


async def customer(name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(f"{name}: Cancelled, locked: {yes(lock.locked())}")
        raise
    print(f"{name}: has the lock")
    lock.release()


async def main():
    global lock
    lock = asyncio.Lock()
    await lock.acquire()
    amy, bob, cat = (asyncio.create_task(customer(n)) for n in ("Amy", "Bob", "Cat"))
    await asyncio.sleep(0)
    bob.cancel()
    print(f"main: cancelled Bob, locked: {yes(lock.locked())}")
    await asyncio.sleep(0)
    lock.release()
    amy.cancel()
    print(f"main: released and cancelled Amy, locked: {yes(lock.locked())}")
    await cat
    print(f"main: Cat is done, locked: {yes(lock.locked())}; "
          f"cancelled: Amy {yes(amy.cancelled())}, Bob {yes(bob.cancelled())}")


asyncio.run(main())
