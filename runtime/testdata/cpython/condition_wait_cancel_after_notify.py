from vloop import *


async def main():
    cond = asyncio.Condition()
    waited = False

    async def wait_on_cond():
        nonlocal waited
        async with cond:
            waited = True
            await cond.wait()

    waiter = asyncio.create_task(wait_on_cond())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    log(len(cond._waiters), len(cond._lock._waiters or []))
    waiter.cancel()
    await asyncio.sleep(0)
    log(waiter.done(), cond.locked())
    cond.release()
    await asyncio.sleep(0)
    log(waiter.cancelled(), waited, cond.locked())


run(main)
