from vloop import *


async def main():
    lock = asyncio.Lock()
    result = []
    await lock.acquire()

    async def c(n):
        await lock.acquire()
        result.append(n)

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    log(result, lock.locked())
    lock.release()
    log("released", lock.locked())
    await asyncio.sleep(0)
    log(result, lock.locked())
    await asyncio.sleep(0)
    log(result)
    t3 = asyncio.create_task(c(3))
    lock.release()
    log("released", lock.locked())
    await asyncio.sleep(0)
    log(result)
    lock.release()
    await asyncio.sleep(0)
    log(result, t1.done(), t2.done(), t3.done(), lock.locked())


run(main)
