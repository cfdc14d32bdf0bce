from vloop import *


async def main():
    async def swallow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return "swallowed"

    a = asyncio.create_task(asyncio.sleep(10))
    b = asyncio.create_task(swallow())

    async def gatherer():
        return await asyncio.gather(a, b, return_exceptions=True)

    g = asyncio.create_task(gatherer())
    await asyncio.sleep(1)
    g.cancel("stop")
    try:
        await g
    except asyncio.CancelledError as exc:
        log("gatherer", list(exc.args), g.cancelled(), a.cancelled(), b.result())


run(main)
