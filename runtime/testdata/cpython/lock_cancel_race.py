from vloop import *


async def main():
    lock = asyncio.Lock()
    fa = asyncio.Event()

    async def lockit(name, blocker):
        await lock.acquire()
        log(name, "has it")
        try:
            if blocker is not None:
                await blocker.wait()
        finally:
            lock.release()

    ta = asyncio.create_task(lockit("A", fa))
    await asyncio.sleep(0)
    log(lock.locked())
    tb = asyncio.create_task(lockit("B", None))
    await asyncio.sleep(0)
    log(len(lock._waiters))
    tc = asyncio.create_task(lockit("C", None))
    await asyncio.sleep(0)
    log(len(lock._waiters))
    fa.set()
    tb.cancel()
    await asyncio.sleep(0)
    log(lock.locked(), ta.done(), tb.cancelled(), tc.done())
    await tc
    log(lock.locked(), tc.done())


run(main)
