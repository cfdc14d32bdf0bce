from vloop import *


async def main():
    for timeout in [0, -1]:
        foo_running = None
        started = asyncio.Event()

        async def foo():
            nonlocal foo_running
            foo_running = True
            started.set()
            try:
                await asyncio.sleep(10)
            finally:
                foo_running = False
            return "done"

        fut = asyncio.create_task(foo())
        await started.wait()
        try:
            await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            log(timeout, "timeout", fut.done(), fut.cancelled(), foo_running)


run(main)
