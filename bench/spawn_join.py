# The asyncio twin of spawn_join.lua: spawn many small tasks, gather them.
# Run: python3 bench/spawn_join.py [TASKS]
import asyncio
import sys

NTASKS = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
CHUNK = 1000


async def square(i):
    return i * i % 1000003


async def main():
    tasks = [asyncio.create_task(square(i)) for i in range(1, NTASKS + 1)]
    total = 0
    for first in range(0, NTASKS, CHUNK):
        results = await asyncio.gather(*tasks[first:first + CHUNK])
        total += sum(results)
    print(f"spawn_join tasks={NTASKS} sum={total}")


asyncio.run(main())
