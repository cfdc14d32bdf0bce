from vloop import *


async def main():
    q = asyncio.Queue(maxsize=1)
    asyncio.create_task(q.put("a"))
    asyncio.create_task(q.put("b"))
    log(await q.get(), q.qsize(), len(q._putters))
    log(await q.get(), q.qsize())


run(main)
