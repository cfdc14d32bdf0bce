from vloop import *


async def main():
    sem = asyncio.Semaphore(1)
    reached = False

    async def c1():
        async with sem:
            await asyncio.sleep(0)
        t2.cancel()

    async def c2():
        nonlocal reached
        async with sem:
            reached = True

    t1 = asyncio.create_task(c1())
    t2 = asyncio.create_task(c2())
    r1, r2 = await asyncio.gather(t1, t2, return_exceptions=True)
    log(r1, type(r2).__name__.removesuffix("Error"), reached, sem.locked())
    await asyncio.wait_for(sem.acquire(), timeout=1.0)
    log(sem.locked())


run(main)
