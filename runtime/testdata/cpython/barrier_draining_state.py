from vloop import *


async def main():
    barrier = asyncio.Barrier(5)
    results = []

    async def coro():
        async with barrier as i:
            results.append((i, barrier._state.value))

    tasks = [asyncio.create_task(coro()) for _ in range(5)]
    await asyncio.gather(*tasks)
    log(results, barrier.n_waiting)


run(main)
