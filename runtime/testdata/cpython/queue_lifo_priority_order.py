from vloop import *


async def main():
    q = asyncio.LifoQueue()
    for i in [1, 3, 2]:
        await q.put(i)
    log([await q.get() for _ in range(3)])
    q = asyncio.PriorityQueue()
    for i in [1, 3, 2]:
        await q.put(i)
    log([await q.get() for _ in range(3)])


run(main)
