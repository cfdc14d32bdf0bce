from vloop import *


async def main():
    t1 = t2 = None

    async def foo(d):
        await asyncio.sleep(d)

    async def runner(pause):
        nonlocal t1, t2
        async with asyncio.TaskGroup() as g:
            t1 = g.create_task(foo(1))
            t2 = g.create_task(foo(2))
            if pause:
                await asyncio.sleep(0.1)
            1 / 0

    for pause in [True, False]:
        try:
            await runner(pause)
        except ExceptionGroup as eg:
            log(pause, len(eg.exceptions), t1.cancelled(), t2.cancelled())


run(main)
