from vloop import *


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tb = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    log(len(lock._waiters))
    tc = asyncio.create_task(lock.acquire())
    tb.cancel()
    lock.release()
    log(lock.locked())
    await asyncio.sleep(0)
    log(lock.locked(), tb.cancelled(), tc.done())
    await tc
    log(lock.locked(), tc.done())


run(main)
