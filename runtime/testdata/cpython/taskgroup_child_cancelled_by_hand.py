from vloop import *


async def main():
    async def foo(d, r):
        await asyncio.sleep(d)
        return r

    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(1, 42))
        await asyncio.sleep(0.15)
        t1.cancel()
        t2 = g.create_task(foo(0.2, 11))
    log(t1.cancelled(), t2.result())


run(main)
