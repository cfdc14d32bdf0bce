from vloop import *


async def main():
    started = False

    async def sleep():
        nonlocal started
        started = True
        await asyncio.sleep(10)

    task = asyncio.create_task(sleep())
    task.cancel("my message")
    done, pending = await asyncio.wait([task])
    try:
        task.exception()
    except asyncio.CancelledError as exc:
        log("cancelled", exc.args, started, len(done))


run(main)
