from vloop import *


async def main():
    q = asyncio.Queue()
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    await q.put("a")
    log(q.qsize(), t.done())
    log(await t, q.qsize())


run(main)
