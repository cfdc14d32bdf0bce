from vloop import *


async def main():
    async def return_42():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return 42

    task = asyncio.create_task(return_42())
    res = await asyncio.wait_for(task, timeout=0.1)
    log(res, task.cancelled())


run(main)
