# The asyncio twin of lock.lua: asyncio.Lock and "async with lock".
import asyncio

START = 0.0
balance = 0


def now():
    return asyncio.get_running_loop().time() - START


async def deposit(machine, amount, lock):
    async def update():
        global balance
        seen = balance
        print(f"{now():.1f} {machine} reads {seen}")
        await asyncio.sleep(0.1)
        balance = seen + amount
        print(f"{now():.1f} {machine} writes {balance}")

    if lock:
        print(f"{now():.1f} {machine} asks for the lock, locked: {'yes' if lock.locked() else 'no'}")
        async with lock:
            await update()
    else:
        await update()


async def main():
    global START, balance
    START = asyncio.get_running_loop().time()
    for with_lock in (False, True):
        print("-- with a lock" if with_lock else "-- without a lock")
        balance = 100
        lock = asyncio.Lock() if with_lock else None
        await asyncio.gather(deposit("ATM 1", 50, lock), deposit("ATM 2", 30, lock))
        print(f"{now():.1f} balance {balance}, should be 180")


asyncio.run(main())
