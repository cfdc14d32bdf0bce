from vloop import *


async def main():
    loop = asyncio.get_running_loop()

    async def w(d, name):
        await asyncio.sleep(d)
        return name

    async def ticker():
        for i in range(6):
            log("tick", i)
            await asyncio.sleep(0)

    ts = [asyncio.create_task(w(d, n)) for d, n in [(0.3, "a"), (0.1, "b"), (0.2, "c")]]
    fut = loop.create_future()
    loop.call_later(0.15, fut.set_result, "f")
    async for t in asyncio.as_completed(ts + [fut, ts[0]]):
        log("got", t.result())
    slow = asyncio.create_task(w(1, "slow"))
    quick = asyncio.create_task(w(0.1, "quick"))
    try:
        async for t in asyncio.as_completed([slow, quick], timeout=0.5):
            log("got", t.result())
    except TimeoutError:
        log("timeout", slow.done())
    slow.cancel()
    tk = asyncio.create_task(ticker())
    z = asyncio.create_task(w(0, "zero"))
    async for t in asyncio.as_completed([z]):
        log("got", t.result())
    await tk


run(main)
