from vloop import *


async def main():
    q = asyncio.Queue()
    got = []

    async def getter():
        got.append(await q.get())

    t = asyncio.create_task(getter())
    await asyncio.sleep(0)
    q.put_nowait("a")
    log(q.qsize(), q.get_nowait(), q.qsize())
    await asyncio.sleep(0)
    log(got, t.done(), len(q._getters))
    q.put_nowait("b")
    await asyncio.sleep(0)
    log(got, t.done())


run(main)
