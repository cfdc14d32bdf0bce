from vloop import *


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    task = asyncio.create_task(lock.acquire())
    asyncio.get_running_loop().call_soon(task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        log("cancelled")
    log(task.cancelled(), len(lock._waiters or []), lock.locked())


run(main)
