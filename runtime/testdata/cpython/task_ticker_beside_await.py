from vloop import *


async def main():
    ticks = 0
    stop = False

    async def ticker():
        nonlocal ticks
        while not stop:
            ticks += 1
            await asyncio.sleep(0)

    async def child():
        await asyncio.sleep(0)

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0)

    start = ticks
    await asyncio.gather(asyncio.create_task(child()))
    log("gather", ticks - start)

    start = ticks
    await asyncio.wait([asyncio.create_task(child())])
    log("wait", ticks - start)

    start = ticks
    await asyncio.create_task(child())
    log("join", ticks - start)

    start = ticks
    await asyncio.wait_for(asyncio.create_task(child()), 10)
    log("wait_for", ticks - start)

    start = ticks
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child())
    log("task_group", ticks - start)

    stop = True
    await tick


run(main)
