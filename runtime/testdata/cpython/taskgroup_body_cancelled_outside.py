from vloop import *


async def main():
    num = 0

    async def runner():
        nonlocal num
        async with asyncio.TaskGroup():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                num += 10
                raise

    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    log(r.done())
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        log("cancelled", num, r.cancelled())


run(main)
