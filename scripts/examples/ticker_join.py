# The asyncio twin of ticker_join.lua: awaiting a task resumes the awaiting task
# one loop iteration after the task ends (its done-callback runs through call_soon).
import asyncio


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def worker():
    print("worker: first step")
    await asyncio.sleep(0)
    print("worker: second step, and done")


async def main():
    ticks = asyncio.create_task(ticker(5))
    w = asyncio.create_task(worker())
    print("main: joins the worker")
    await w
    print("main: the worker has ended")
    await ticks


asyncio.run(main())
