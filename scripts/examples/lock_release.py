# The asyncio twin of lock_release.lua: asyncio.Lock.release wakes the first
# waiter and the lock stays unlocked until it runs; a new acquire queues behind it.
import asyncio

lock = None


def yes(b):
    return "yes" if b else "no"


async def customer(name):
    print(f"{name}: asks for the lock, locked: {yes(lock.locked())}")
    await lock.acquire()
    print(f"{name}: has the lock")
    await asyncio.sleep(0)
    lock.release()
    print(f"{name}: released it")


async def main():
    global lock
    lock = asyncio.Lock()
    await lock.acquire()
    print("main: holds the lock")
    bea = asyncio.create_task(customer("Bea"))
    await asyncio.sleep(0)
    cal = asyncio.create_task(customer("Cal"))
    lock.release()
    print(f"main: released the lock, locked: {yes(lock.locked())}")
    await bea
    await cal
    print(f"main: both are done, locked: {yes(lock.locked())}")


asyncio.run(main())
