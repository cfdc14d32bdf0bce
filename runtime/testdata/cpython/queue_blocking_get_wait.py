from vloop import *


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    started = asyncio.Event()
    finished = False

    async def queue_get():
        nonlocal finished
        started.set()
        res = await q.get()
        finished = True
        return res

    task = asyncio.create_task(queue_get())
    await started.wait()
    log(finished)
    loop.call_later(0.01, q.put_nowait, 1)
    res = await task
    log(finished, res)


run(main)
