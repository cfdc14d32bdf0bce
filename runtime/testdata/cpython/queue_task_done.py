from vloop import *


async def main():
    q = asyncio.Queue()
    for i in range(10):
        q.put_nowait(i)
    seen = []
    running = True

    async def worker(n):
        while running:
            item = await q.get()
            seen.append((n, item))
            q.task_done()

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(worker(n)) for n in range(2)]
        await q.join()
        log(seen, q._unfinished_tasks)
        running = False
        for i in range(len(tasks)):
            q.put_nowait(0)
    log(q.qsize(), q._unfinished_tasks)


run(main)
