from vloop import *


async def main():
    barrier = asyncio.Barrier(3)
    results = []

    async def coro():
        i = await barrier.wait()
        results.append(i)

    t1 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    log(barrier.n_waiting)
    t2 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    log(barrier.n_waiting)
    t1.cancel()
    await asyncio.sleep(0)
    log(barrier.n_waiting, t1.cancelled())
    t3 = asyncio.create_task(coro())
    await asyncio.sleep(0)
    log(barrier.n_waiting)
    t4 = asyncio.create_task(coro())
    await asyncio.gather(t2, t3, t4)
    log(results, barrier.n_waiting, barrier.broken)


run(main)
