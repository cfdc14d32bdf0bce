# The asyncio twin of ticker_wait_for.lua: asyncio.wait_for on a task wakes the
# caller one iteration after the task ends; on a coroutine (Python 3.12+) it runs
# the coroutine in the caller's own task, with no task of its own.
import asyncio


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def job(name):
    print(f"{name}: first step")
    await asyncio.sleep(0)
    print(f"{name}: second step, and done")
    return f"{name}'s result"


async def main():
    ticks = asyncio.create_task(ticker(7))
    task = asyncio.create_task(job("task"))
    print("main: wait_for on a task")
    print("main: got " + await asyncio.wait_for(task, 10))
    print("main: wait_for on a function")
    print("main: got " + await asyncio.wait_for(job("function"), 10))
    await ticks


asyncio.run(main())
