from vloop import *


async def main():
    barrier = asyncio.Barrier(5)
    results = []

    async def coro(n):
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results.append(n)

    tasks = [asyncio.create_task(coro(n)) for n in range(4)]
    await asyncio.sleep(0)
    log(barrier.n_waiting, barrier._state.value)

    async def coro_reset():
        await barrier.reset()
        log("reset", barrier._state.value)

    asyncio.create_task(coro_reset())
    await asyncio.gather(*tasks)
    log(results, barrier.n_waiting, barrier._state.value, barrier.broken)


run(main)
