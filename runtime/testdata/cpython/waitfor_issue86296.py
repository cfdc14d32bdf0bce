from vloop import *


async def main():
    async def inner():
        return "done"

    inner_task = asyncio.create_task(inner())
    reached_end = False

    async def wait_for_coro():
        nonlocal reached_end
        await asyncio.wait_for(inner_task, timeout=100)
        await asyncio.sleep(1)
        reached_end = True

    task = asyncio.create_task(wait_for_coro())
    log(task.done())
    await asyncio.sleep(0)
    log(inner_task.done(), task.done())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log("cancelled", inner_task.done(), await inner_task, reached_end)


run(main)
