# The asyncio twin of lock_contention.lua: 100 tasks contend for one Lock.
# Run: python3 bench/lock_contention.py [ACQUISITIONS]
import asyncio
import sys

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
NTASKS = 100
counter = 0
order = 0


async def worker(lock, id, times):
    global counter, order
    for _ in range(times):
        async with lock:
            seen = counter
            await asyncio.sleep(0)
            counter = seen + 1
            order = (order * 31 + id) % 1000003


async def main():
    lock = asyncio.Lock()
    tasks = []
    for id in range(1, NTASKS + 1):
        # the first TOTAL % NTASKS tasks take the lock once more than the others
        times = TOTAL // NTASKS + (1 if id <= TOTAL % NTASKS else 0)
        tasks.append(asyncio.create_task(worker(lock, id, times)))
    await asyncio.gather(*tasks)
    print(f"lock_contention tasks={NTASKS} acquisitions={TOTAL} counter={counter} order={order}")


asyncio.run(main())
