from vloop import *


async def main():
    foo_running = None

    async def foo():
        nonlocal foo_running
        foo_running = True
        try:
            await asyncio.sleep(10)
        finally:
            foo_running = False
        return "done"

    fut = asyncio.create_task(foo())
    try:
        await asyncio.wait_for(fut, 0.1)
    except TimeoutError:
        log("timeout", fut.done(), fut.cancelled(), foo_running)


run(main)
