# The asyncio twin of event_set.lua: asyncio.Event.set completes every waiter's
# future; the waiters run in the next iteration, and clear() cannot take that back.
import asyncio

signal = None


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def runner(name):
    print(f"{name}: waits for the signal")
    await signal.wait()
    print(f"{name}: runs")


async def main():
    global signal
    signal = asyncio.Event()
    ticks = asyncio.create_task(ticker(6))
    runners = [asyncio.create_task(runner(n)) for n in ("Ada", "Bob", "Cid")]
    await asyncio.sleep(0)
    signal.set()
    signal.clear()
    print(f"main: set and cleared the signal, is_set: {str(signal.is_set()).lower()}")
    runners.append(asyncio.create_task(runner("Late")))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main: the second signal")
    signal.set()
    for r in runners:
        await r
    await ticks


asyncio.run(main())
