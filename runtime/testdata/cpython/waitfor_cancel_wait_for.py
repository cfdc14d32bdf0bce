from vloop import *


async def main():
    for timeout in [None, 60.0]:
        fut = asyncio.Event()

        async def blocking_coroutine():
            await fut.wait()

        task = asyncio.create_task(blocking_coroutine())
        wait = asyncio.create_task(asyncio.wait_for(task, timeout))
        asyncio.get_running_loop().call_soon(wait.cancel)
        try:
            await wait
        except asyncio.CancelledError:
            log(timeout, "cancelled", task.cancelled(), wait.cancelled())


run(main)
