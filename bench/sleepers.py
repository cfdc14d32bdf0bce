# The asyncio twin of sleepers.lua: many tasks in asyncio.sleep(1) at once.
# Run: python3 bench/sleepers.py [TASKS] (it sleeps 1 s)
import asyncio
import sys

NTASKS = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
CHUNK = 1000
asleep = 0
max_parked = 0
woke = 0


async def sleeper(i):
    global asleep, max_parked, woke
    asleep += 1
    max_parked = max(max_parked, asleep)
    await asyncio.sleep(1)
    asleep -= 1
    woke += 1
    return i


async def main():
    tasks = [asyncio.create_task(sleeper(i)) for i in range(1, NTASKS + 1)]
    total = 0
    for first in range(0, NTASKS, CHUNK):
        results = await asyncio.gather(*tasks[first:first + CHUNK])
        total += sum(results)
    print(f"sleepers tasks={NTASKS} max_parked={max_parked} woke={woke} sum={total}")


asyncio.run(main())
