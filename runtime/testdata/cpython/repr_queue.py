from vloop import *


async def main():
    q = asyncio.Queue()
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    log(str(q))
    q.put_nowait(0)
    log(str(q))
    log(await getter, str(q))
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    putter = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    log(str(q))
    q.get_nowait()
    log(str(q))
    await asyncio.sleep(0)
    log(str(q), putter.done())
    q.task_done()
    log(str(q))


run(main)
