# The asyncio twin of spawn_alive.lua: many tasks alive at once, each yielding once
# (asyncio.sleep(0)) before it returns, awaited in order.
# Run: python3 bench/spawn_alive.py [TASKS]
import asyncio
import sys

NTASKS = int(sys.argv[1]) if len(sys.argv) > 1 else 100000


async def visit(i):
    await asyncio.sleep(0)
    return i * i % 1000003


async def main():
    tasks = [asyncio.create_task(visit(i)) for i in range(1, NTASKS + 1)]
    total = 0
    for task in tasks:
        total += await task
    print(f"spawn_alive tasks={NTASKS} sum={total}")


asyncio.run(main())
