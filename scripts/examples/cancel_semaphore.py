# The asyncio twin of cancel_semaphore.lua: cancelling tasks that wait in
# asyncio.Semaphore.acquire (Python 3.13), before and after release() woke them.
import asyncio

sem = None


def yes(b):
    return "yes" if b else "no"


async def worker(name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(f"{name}: Cancelled, value {sem._value}, locked: {yes(sem.locked())}")
        raise
    print(f"{name}: has the permit, value {sem._value}")
    sem.release()


async def main():
    global sem
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    eve, fay, gil = (asyncio.create_task(worker(n)) for n in ("Eve", "Fay", "Gil"))
    await asyncio.sleep(0)
    fay.cancel()
    print(f"main: cancelled Fay, value {sem._value}")
    await asyncio.sleep(0)
    sem.release()
    print(f"main: released, value {sem._value}, locked: {yes(sem.locked())}")
    eve.cancel()
    await gil
    print(f"main: Gil is done, value {sem._value}; "
          f"cancelled: Eve {yes(eve.cancelled())}, Fay {yes(fay.cancelled())}")


asyncio.run(main())
