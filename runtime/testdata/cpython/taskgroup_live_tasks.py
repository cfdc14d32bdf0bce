from vloop import *


async def main():
    async def do_job(delay):
        await asyncio.sleep(delay)

    async with asyncio.TaskGroup() as g:
        for count in range(10):
            await asyncio.sleep(0.1)
            g.create_task(do_job(0.3))
            if count == 5:
                log(len(g._tasks))
        await asyncio.sleep(1.35)
        log(len(g._tasks))


run(main)
