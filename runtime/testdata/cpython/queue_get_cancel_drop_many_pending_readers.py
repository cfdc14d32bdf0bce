from vloop import *


async def main():
    q = asyncio.Queue()
    async with asyncio.TaskGroup() as tg:
        reader1 = tg.create_task(q.get())
        reader2 = tg.create_task(q.get())
        reader3 = tg.create_task(q.get())
        await asyncio.sleep(0)
        q.put_nowait(1)
        q.put_nowait(2)
        reader1.cancel()
        try:
            await reader1
        except asyncio.CancelledError:
            log("reader1 cancelled", q.qsize(), reader2.done(), reader3.done())
        await reader3
        log(reader2.result(), reader3.result(), q.qsize())


run(main)
