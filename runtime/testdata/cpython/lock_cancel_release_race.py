from vloop import *


async def main():
    lock = asyncio.Lock()
    lock_count = 0
    call_count = 0

    async def lockit():
        nonlocal lock_count, call_count
        call_count += 1
        await lock.acquire()
        lock_count += 1

    def trigger():
        t1.cancel()
        lock.release()

    await lock.acquire()
    t1 = asyncio.create_task(lockit())
    t2 = asyncio.create_task(lockit())
    t3 = asyncio.create_task(lockit())
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        log("t1 cancelled")
    log(lock_count, call_count, t1.cancelled(), t2.done(), t3.done())
    t3.cancel()
    await asyncio.sleep(0)
    log(t3.cancelled(), lock.locked())


run(main)
