from vloop import *


async def main():
    task_done = False

    async def inner():
        nonlocal task_done
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.0001)
            raise
        finally:
            task_done = True

    inner_task = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(inner_task, timeout=0.0001)
    except TimeoutError:
        log("timeout", task_done, inner_task.cancelled())


run(main)
