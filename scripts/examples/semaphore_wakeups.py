# The asyncio twin of semaphore_wakeups.lua: asyncio.Semaphore as Python 3.13 wakes
# its waiters (release wakes the first waiter not yet woken and counts its permit
# as taken; a woken waiter wakes as many more as there are permits left).
import asyncio


def yes(b):
    return "yes" if b else "no"


async def worker(sem, name):
    print(f"{name}: asks, locked: {yes(sem.locked())}")
    await sem.acquire()
    print(f"{name}: has a permit, value {sem._value}")
    await asyncio.sleep(0)
    sem.release()


async def main():
    print("-- release twice with three waiters")
    sem = asyncio.Semaphore(2)
    await sem.acquire()
    await sem.acquire()
    tasks = [asyncio.create_task(worker(sem, n)) for n in ("Ann", "Ben", "Cy")]
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(worker(sem, "Dot")))
    sem.release()
    sem.release()
    print(f"main: released twice, value {sem._value}, locked: {yes(sem.locked())}")
    for t in tasks:
        await t
    print(f"main: all done, value {sem._value}")

    print("-- three releases, one waiter, two newcomers")
    sem = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(worker(sem, "Gus"))]
    await asyncio.sleep(0)
    tasks += [asyncio.create_task(worker(sem, "Hal")), asyncio.create_task(worker(sem, "Ida"))]
    sem.release()
    sem.release()
    sem.release()
    print(f"main: released three times, value {sem._value}")
    for t in tasks:
        await t
    print(f"main: all done, value {sem._value}")


asyncio.run(main())
