from vloop import *


async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    log(sem.locked(), sem._value)
    sem.release()
    try:
        sem.release()
    except ValueError:
        log("ValueError", sem._value)


run(main)
