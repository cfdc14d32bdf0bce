from vloop import *


async def main():
    fut = asyncio.Event()
    nested_task = None
    seen = []

    async def nested():
        try:
            await fut.wait()
        except asyncio.CancelledError:
            seen.append("nested cancelled")
            raise

    async def coro():
        nonlocal nested_task
        nested_task = asyncio.create_task(nested())
        await asyncio.sleep(0)
        asyncio.current_task().cancel()
        seen.append("cancel requested")
        await nested_task

    task = asyncio.create_task(coro())
    try:
        await task
    except asyncio.CancelledError:
        log("cancelled", seen)
    log(task.cancelled(), nested_task.cancelled(), fut.is_set())


run(main)
