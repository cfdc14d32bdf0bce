from vloop import *


async def main():
    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    log(q.get_nowait(), q.qsize(), q.full())
    writer.cancel()
    try:
        await writer
        log("put")
    except asyncio.CancelledError:
        log("cancelled", q.qsize())
        writer = asyncio.create_task(q.put(2))
        await writer
    log(q.get_nowait(), q.qsize())


run(main)
