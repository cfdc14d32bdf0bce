from vloop import *


async def main():
    barrier = asyncio.Barrier(3)
    log(shown(barrier))

    async def wait():
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            pass

    waiters = [asyncio.create_task(wait()) for _ in range(2)]
    await asyncio.sleep(0)
    log(shown(barrier))
    waiters.append(asyncio.create_task(wait()))
    await asyncio.sleep(0)
    log(shown(barrier))
    waiters += [asyncio.create_task(wait()) for _ in range(2)]
    await asyncio.sleep(0)
    log(shown(barrier))
    await asyncio.sleep(0)
    log(shown(barrier))
    await barrier.reset()
    log(shown(barrier))
    await asyncio.sleep(0)
    log(shown(barrier))
    await barrier.abort()
    log(shown(barrier), barrier.broken)
    await asyncio.gather(*waiters)


run(main)
