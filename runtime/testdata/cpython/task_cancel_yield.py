from vloop import *


async def main():
    steps = []

    async def task():
        steps.append(1)
        await asyncio.sleep(0)
        steps.append(2)
        await asyncio.sleep(0)
        steps.append(3)
        return 12

    t = asyncio.create_task(task())
    await asyncio.sleep(0)
    log(steps, t.done())
    log(t.cancel(), t.done(), t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        log("cancelled", steps)
    log(t.done(), t.cancelled(), t.cancel())


run(main)
