from vloop import *


async def main():
    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(q.put("a"))
    put_b = asyncio.create_task(q.put("b"))
    put_c = asyncio.create_task(q.put("X"))
    await asyncio.sleep(0)
    log(put_a.done(), put_b.done(), len(q._putters))
    put_c.cancel()
    await asyncio.sleep(0)
    log(put_c.done(), len(q._putters))
    log(q.get_nowait(), q.full(), q.qsize())
    await asyncio.sleep(0)
    log(q.get_nowait(), q.qsize())
    await put_b
    log(put_b.done())


run(main)
