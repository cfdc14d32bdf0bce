from vloop import *


async def main():
    wake = False
    cond = asyncio.Condition()

    async def func():
        async with cond:
            try:
                await cond.wait_for(lambda: wake)
            except asyncio.CancelledError as e:
                log("func", "cancelled", e.args, cond.locked())
                raise

    task = asyncio.create_task(func())
    await asyncio.sleep(0)
    await cond.acquire()
    wake = True
    cond.notify()
    await asyncio.sleep(0)
    task.cancel(msg="foo")
    cond.release()
    try:
        await task
    except asyncio.CancelledError as e:
        log("main", "cancelled", e.args)
    log(task.cancelled(), cond.locked())


run(main)
