from vloop import *


async def main():
    ev = asyncio.Event()
    result = []

    async def c(n):
        if await ev.wait():
            result.append(n)

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    log(result, len(ev._waiters))
    t3 = asyncio.create_task(c(3))
    ev.set()
    log(len(ev._waiters))
    await asyncio.sleep(0)
    log(result, t1.done(), t2.done(), t3.done())


run(main)
