from vloop import *


async def main():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    log(result, cond.locked())
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    log(result, cond.locked())
    cond.release()
    log("released", cond.locked())
    await asyncio.sleep(0)
    log(result, cond.locked())
    cond.notify(2)
    await asyncio.sleep(0)
    log(result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    log(result, cond.locked())
    cond.release()
    await asyncio.sleep(0)
    log(result, cond.locked(), t1.done(), t2.done(), t3.done())


run(main)
