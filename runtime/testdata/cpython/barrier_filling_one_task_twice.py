from vloop import *


async def main():
    barrier = asyncio.Barrier(1)
    t1 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    log(barrier.n_waiting, t1.done())
    t2 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    log(t1.result(), t2.result(), t2.done(), barrier.n_waiting, barrier.broken)


run(main)
