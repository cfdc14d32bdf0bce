from vloop import *


async def main():
    refused = []

    async def coro1():
        await asyncio.sleep(0.001)
        1 / 0

    async def coro2(g):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            c = coro1()
            try:
                g.create_task(c)
            except RuntimeError:
                c.close()
                refused.append(True)

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        log(len(eg.exceptions), refused)


run(main)
