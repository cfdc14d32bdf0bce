from vloop import *


async def main():
    queue = asyncio.Queue(2)

    async def putter(item):
        await queue.put(item)
        log("put", item, queue.qsize())

    async def getter():
        await asyncio.sleep(0)
        num = queue.qsize()
        log("getter sees", num, len(queue._putters))
        for _ in range(num):
            log("got", queue.get_nowait())

    async with asyncio.TaskGroup() as tg:
        tg.create_task(getter())
        tg.create_task(putter(0))
        tg.create_task(putter(1))
        tg.create_task(putter(2))
        tg.create_task(putter(3))
    log(queue.qsize(), list(queue._queue))


run(main)
