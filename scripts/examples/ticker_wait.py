# The asyncio twin of ticker_wait.lua: asyncio.wait wakes its caller two loop
# iterations after the task it waited for ends (the task's done-callback, then
# wait's own callback completes the future the caller awaits).
import asyncio


async def ticker(n):
    for i in range(1, n + 1):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def worker(name, steps):
    for step in range(1, steps + 1):
        if step > 1:
            await asyncio.sleep(0)
        print(f"{name}: step {step} of {steps}")


async def main():
    ticks = asyncio.create_task(ticker(9))
    workers = [asyncio.create_task(worker("quick", 1)), asyncio.create_task(worker("slow", 5))]
    print("main: waits for the first to finish")
    done, pending = await asyncio.wait(workers, return_when=asyncio.FIRST_COMPLETED)
    print(f"main: {len(done)} done, {len(pending)} pending")
    done, pending = await asyncio.wait(workers, return_when=asyncio.ALL_COMPLETED)
    print(f"main: all done: {len(done)} done, {len(pending)} pending")
    await ticks


asyncio.run(main())
