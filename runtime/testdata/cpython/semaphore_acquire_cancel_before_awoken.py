from vloop import *


async def main():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    t3 = asyncio.create_task(sem.acquire())
    t4 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    sem.release()
    await asyncio.sleep(0)
    log(t1.cancelled(), t2.cancelled(), t3.done(), t4.done(), sem.locked())
    await asyncio.sleep(0)
    log(t3.done(), t4.done(), sem.locked())
    t3.cancel()
    t4.cancel()
    await asyncio.sleep(0)
    log(t4.cancelled())


run(main)
