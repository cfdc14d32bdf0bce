from vloop import *


async def main():
    cond = asyncio.Condition()
    await cond.acquire()
    wait = asyncio.create_task(cond.wait())
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        log("cancelled")
    log(len(cond._waiters), cond.locked())


run(main)
