from vloop import *


async def main():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    sem.release()
    log(sem.locked(), sem._value)
    await asyncio.sleep(0)
    log(sem.locked(), t1.cancelled(), t2.done())
    await asyncio.sleep(0)
    log(sem.locked(), t2.done())


run(main)
