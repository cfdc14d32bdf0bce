from vloop import *


async def main():
    sem = asyncio.Semaphore(2)
    bsem = asyncio.BoundedSemaphore(1)
    log(shown(sem), shown(bsem))
    await sem.acquire()
    log(shown(sem))
    await sem.acquire()
    await bsem.acquire()
    log(shown(sem), shown(bsem))

    async def use(s):
        await s.acquire()
        s.release()

    for _ in range(2):
        asyncio.create_task(use(sem))
    asyncio.create_task(use(bsem))
    await asyncio.sleep(0)
    log(shown(sem), shown(bsem))
    sem.release()
    bsem.release()
    log(shown(sem), shown(bsem))
    await asyncio.sleep(0)
    log(shown(sem), shown(bsem))
    await asyncio.sleep(0)
    log(shown(sem), shown(bsem))


run(main)
