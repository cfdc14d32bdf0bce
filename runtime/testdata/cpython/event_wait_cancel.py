from vloop import *


async def main():
    ev = asyncio.Event()
    wait = asyncio.create_task(ev.wait())
    asyncio.get_running_loop().call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        log("cancelled")
    log(len(ev._waiters), wait.cancelled())


run(main)
