from vloop import *


async def main():
    async def foo(d, r):
        await asyncio.sleep(d)
        return r

    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(1, 42))
        await asyncio.sleep(1.5)
        log(t1.done(), len(g._tasks))
        t2 = g.create_task(foo(2, 11))
    log(t1.result(), t2.result())


run(main)
