from vloop import *


async def main():
    queue = asyncio.Queue(1)
    queue.put_nowait(1)
    put_task = asyncio.create_task(queue.put(2))
    await asyncio.sleep(0)
    log(len(queue._putters))
    queue.get_nowait()
    log(len(queue._putters), queue.qsize(), queue.full())
    put_task.cancel()
    try:
        await put_task
    except asyncio.CancelledError:
        log("cancelled", queue.qsize(), len(queue._putters))


run(main)
