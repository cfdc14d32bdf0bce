from vloop import *


async def main():
    exited = False

    async def slow():
        nonlocal exited
        loop = asyncio.get_running_loop()
        exitat = loop.time() + 0.2
        while True:
            tosleep = exitat - loop.time()
            if tosleep <= 1e-6:
                break
            try:
                await asyncio.sleep(tosleep)
            except asyncio.CancelledError:
                log("slow ignores a cancel")
        exited = True

    slow_task = asyncio.create_task(slow())
    waitfortask = asyncio.create_task(asyncio.wait_for(slow_task, 0.4))
    await asyncio.sleep(0)
    waitfortask.cancel()
    await asyncio.wait({waitfortask})
    log(exited, waitfortask.cancelled(), slow_task.cancelled())


run(main)
