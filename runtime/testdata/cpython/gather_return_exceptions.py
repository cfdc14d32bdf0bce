from vloop import *


def shown(r):
    if isinstance(r, asyncio.CancelledError):
        return "Cancelled"
    if isinstance(r, BaseException):
        return str(r)
    return r


async def main():
    ticks = 0
    stop = False

    async def ticker():
        nonlocal ticks
        while not stop:
            ticks += 1
            await asyncio.sleep(0)

    async def ok(v):
        await asyncio.sleep(0)
        return v

    async def bad():
        await asyncio.sleep(0)
        1 / 0

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0)

    a = asyncio.create_task(ok(1))
    b = asyncio.create_task(bad())
    c = asyncio.create_task(asyncio.sleep(10))
    d = asyncio.create_task(ok(4))

    async def canceller():
        await asyncio.sleep(0)
        c.cancel("no")

    asyncio.create_task(canceller())
    start = ticks
    res = await asyncio.gather(a, b, c, d, a, return_exceptions=True)
    log("gather", ticks - start, [shown(r) for r in res])

    start = ticks
    res = await asyncio.gather(a, b, return_exceptions=True)
    log("done already", ticks - start, [shown(r) for r in res])

    start = ticks
    try:
        await asyncio.gather(a, b)
    except ZeroDivisionError:
        log("done already, raised", ticks - start)

    e = asyncio.create_task(ok(5))
    start = ticks
    res = await asyncio.gather(a, e)
    log("one done, one not", ticks - start, res)

    stop = True
    await tick


run(main)
