from vloop import *


async def main():
    loop = asyncio.get_running_loop()

    async def doit():
        sleeper = asyncio.create_task(asyncio.sleep(5000))
        loop.call_later(0.1, sleeper.cancel)
        try:
            await sleeper
        except asyncio.CancelledError:
            return "cancelled"
        else:
            return "slept in"

    log(await doit())


run(main)
