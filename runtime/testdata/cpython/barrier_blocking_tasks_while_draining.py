from vloop import *


async def main():
    barrier = asyncio.Barrier(5)
    barrier_nowaiting = asyncio.Barrier(3)
    rewait_n = 2
    order = []

    async def coro(n):
        nonlocal rewait_n
        await barrier.wait()
        order.append(n)
        if rewait_n > 0:
            rewait_n -= 1
            await barrier.wait()
        else:
            await barrier_nowaiting.wait()
            await barrier.wait()
        order.append(n)

    tasks = [asyncio.create_task(coro(n)) for n in range(5)]
    await asyncio.gather(*tasks)
    log(order, barrier.n_waiting, barrier_nowaiting.n_waiting)


run(main)
