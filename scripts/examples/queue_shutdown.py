# The asyncio twin of queue_shutdown.lua (Queue.shutdown is new in Python 3.13).
import asyncio


async def consumer(q, name):
    while True:
        try:
            item = await q.get()
        except asyncio.QueueShutDown:
            print(f"{name}: get() raised QueueShutDown")
            return
        print(f"{name}: got {item}")
        q.task_done()
        await asyncio.sleep(0.1)


async def main():
    print("-- shutdown(): the consumer drains the queue first")
    q = asyncio.Queue(2)
    await q.put("a")
    await q.put("b")

    async def putter():
        try:
            await q.put("c")
        except asyncio.QueueShutDown:
            print("putter: put() raised QueueShutDown")

    blocked = asyncio.create_task(putter())
    await asyncio.sleep(0)
    q.shutdown()
    print(f"main: {q}")
    try:
        await q.put("d")
    except asyncio.QueueShutDown:
        print("main: put() raised QueueShutDown")
    c = asyncio.create_task(consumer(q, "consumer"))
    await c
    await blocked

    print("-- shutdown(true): what is left is dropped")
    q2 = asyncio.Queue()
    for i in range(1, 4):
        await q2.put(i)

    async def joiner():
        await q2.join()
        print("joiner: every item is done")

    waiting = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    q2.shutdown(True)
    print(f"main: qsize() = {q2.qsize()}, {q2}")
    await waiting
    getter = asyncio.create_task(consumer(q2, "late consumer"))
    await getter


asyncio.run(main())
