from vloop import *


async def main():
    barrier = asyncio.Barrier(5)
    results1 = []
    results2 = []
    count = 0

    async def coro(n):
        nonlocal count
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            results1.append(n)
        else:
            count += 1
            if count > 2:
                await barrier.abort()
            else:
                try:
                    await barrier.wait()
                except asyncio.BrokenBarrierError:
                    results2.append(n)

    tasks = [asyncio.create_task(coro(n)) for n in range(5)]
    await asyncio.gather(*tasks)
    log(results1, results2, barrier.broken, barrier.n_waiting)


run(main)
