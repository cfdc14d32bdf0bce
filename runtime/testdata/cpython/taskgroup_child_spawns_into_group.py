from vloop import *


async def main():
    order = []

    async def coro1(n, delay):
        await asyncio.sleep(delay)
        order.append(n)

    async def root(g):
        await asyncio.sleep(0.1)
        g.create_task(coro1(1, 0.1))
        g.create_task(coro1(2, 0.2))
        order.append(0)

    async with asyncio.TaskGroup() as g:
        g.create_task(root(g))
    log(order)


run(main)
