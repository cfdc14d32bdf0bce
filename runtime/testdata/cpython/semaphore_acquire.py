from vloop import *


async def main():
    sem = asyncio.Semaphore(3)
    result = []
    await sem.acquire()
    await sem.acquire()
    log(sem.locked())

    async def c(n):
        await sem.acquire()
        result.append(n)

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    t3 = asyncio.create_task(c(3))
    await asyncio.sleep(0)
    log(result, sem.locked(), len(sem._waiters), sem._value)
    t4 = asyncio.create_task(c(4))
    sem.release()
    sem.release()
    log(sem._value, sem.locked())
    await asyncio.sleep(0)
    log(result, sem._value, sem.locked(), len(sem._waiters))
    log(t1.done(), t2.done(), t3.done(), t4.done())
    sem.release()
    await asyncio.gather(t2, t3, t4)
    log(result)


run(main)
