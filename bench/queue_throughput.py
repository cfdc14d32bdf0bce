# The asyncio twin of queue_throughput.lua: one producer, four consumers, Queue(100).
# Run: python3 bench/queue_throughput.py [ITEMS]
import asyncio
import sys

ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 500000
NCONSUMERS = 4
count = 0
total = 0
squares = 0


async def producer(q):
    for i in range(1, ITEMS + 1):
        await q.put(i)
    for _ in range(NCONSUMERS):
        await q.put(0)


async def consumer(q):
    global count, total, squares
    while True:
        item = await q.get()
        if item == 0:
            return
        count += 1
        total += item
        squares += item * item


async def main():
    q = asyncio.Queue(100)
    tasks = [asyncio.create_task(producer(q))]
    tasks += [asyncio.create_task(consumer(q)) for _ in range(NCONSUMERS)]
    await asyncio.gather(*tasks)
    print(f"queue_throughput items={ITEMS} consumers={NCONSUMERS} count={count} sum={total} squares={squares}")


asyncio.run(main())
