from vloop import *


async def main():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(n)
            cond.release()

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    log(result)
    await cond.acquire()
    cond.notify_all()
    log(len(cond._waiters))
    cond.release()
    await asyncio.sleep(0)
    log(result, t1.done(), t2.done())


run(main)
