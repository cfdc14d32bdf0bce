from vloop import *


async def main():
    lock = asyncio.Lock()
    ev = asyncio.Event()
    cond = asyncio.Condition()
    log(shown(lock), shown(ev), shown(cond))
    await lock.acquire()
    await cond.acquire()

    async def use_lock():
        await lock.acquire()
        lock.release()

    async def use_cond():
        async with cond:
            await cond.wait()

    for _ in range(2):
        asyncio.create_task(use_lock())
        asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    cond.release()
    c = asyncio.create_task(use_cond())
    await asyncio.sleep(0)
    log(shown(lock), shown(ev), shown(cond))
    lock.release()
    ev.set()
    await cond.acquire()
    cond.notify()
    log(shown(lock), shown(ev), shown(cond))
    await asyncio.sleep(0)
    log(shown(lock), shown(ev), shown(cond))
    cond.release()
    await asyncio.sleep(0)
    log(shown(lock), shown(ev), shown(cond))
    await asyncio.sleep(0)
    log(shown(lock), shown(ev), shown(cond), c.done())


run(main)
