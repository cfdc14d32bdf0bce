from vloop import *


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(asyncio.sleep(10))
    b = loop.create_future()
    ticks = 0

    async def ticker():
        nonlocal ticks
        for _ in range(5):
            ticks += 1
            await asyncio.sleep(0)

    def finish():
        b.set_result(None)
        asyncio.create_task(ticker())

    loop.call_later(0.1, finish)
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    log("done", [x is b for x in done], "pending", [x is b for x in pending], "ticks", ticks)
    log("a done", a.done())
    a.cancel()


run(main)
