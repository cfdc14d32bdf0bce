from vloop import *


async def main():
    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    log(t1.done(), len(q._getters))
    await q.put("a")
    log(q.qsize(), t2.done())
    await asyncio.sleep(0)
    log(q.qsize(), t2.done(), await t2)


run(main)
