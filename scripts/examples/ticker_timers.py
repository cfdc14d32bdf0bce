# The asyncio twin of ticker_timers.lua: a due timer joins the ready queue in
# deadline order, and the task it wakes runs one iteration later (the timer
# completes a future; the future's done-callback wakes the task through call_soon).
import asyncio
import time


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        if i == 2:
            print("ticker: blocks the loop for 0.4 s")
            time.sleep(0.4)
        await asyncio.sleep(0)


async def sleeper(name, seconds):
    print(f"{name}: sleeps {seconds:.1f} s")
    await asyncio.sleep(seconds)
    print(f"{name}: wakes up")


async def main():
    ticks = asyncio.create_task(ticker(6))
    asyncio.create_task(sleeper("Al", 0.2))
    asyncio.create_task(sleeper("Bo", 0.1))
    print("main: waits for the ticker, at most 0.3 s")
    done, pending = await asyncio.wait([ticks], timeout=0.3)
    print(f"main: the wait timed out, {len(done)} done, {len(pending)} pending")
    await ticks


asyncio.run(main())
