from vloop import *


async def main():
    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    log(q.qsize())
    reader.cancel()
    try:
        await reader
        log("got", reader.result())
    except asyncio.CancelledError:
        log("cancelled", q.qsize())
        reader = asyncio.create_task(q.get())
        await reader
    log(reader.result(), q.qsize())


run(main)
