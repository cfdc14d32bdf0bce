from vloop import *


async def main():
    async def coro1():
        await asyncio.sleep(0)

    async def coro2():
        await asyncio.sleep(0)
        await asyncio.sleep(0)

    a = asyncio.create_task(coro1())
    b = asyncio.create_task(coro2())
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    log(a in done, b in done, len(pending))


run(main)
