from vloop import *


async def main():
    cond = asyncio.Condition()
    await cond.acquire()
    wait_task = asyncio.create_task(cond.wait())
    await asyncio.sleep(0)
    log(cond.locked())
    await cond.acquire()
    log(cond.locked())
    cond.notify()
    asyncio.get_running_loop().call_soon(wait_task.cancel)
    asyncio.get_running_loop().call_soon(cond.release)
    try:
        await wait_task
        log("woke")
    except asyncio.CancelledError:
        log("cancelled")
    log(cond.locked(), wait_task.cancelled())


run(main)
