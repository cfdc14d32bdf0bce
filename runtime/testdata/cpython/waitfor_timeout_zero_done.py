from vloop import *


async def main():
    async def quick():
        return "done"

    task = asyncio.create_task(quick())
    await asyncio.sleep(0)
    log(await asyncio.wait_for(task, 0), task.done())


run(main)
