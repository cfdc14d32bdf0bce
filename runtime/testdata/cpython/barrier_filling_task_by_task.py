from vloop import *


async def main():
    barrier = asyncio.Barrier(3)
    t1 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    log(barrier.n_waiting, barrier._state.value)
    t2 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    log(barrier.n_waiting, barrier._state.value)
    t3 = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    log(barrier.n_waiting, barrier._state.value, t1.done(), t2.done(), t3.done())
    await asyncio.wait([t1, t2, t3])
    log(barrier.n_waiting, barrier._state.value, barrier.broken, [t1.result(), t2.result(), t3.result()])


run(main)
