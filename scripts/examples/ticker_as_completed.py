# The asyncio twin of ticker_as_completed.lua: as_completed hands its caller each
# task two loop iterations after it ends (the task's done-callback, then the
# wake-up of the caller waiting for as_completed's queue).
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
    return name


async def main():
    loop = asyncio.get_running_loop()
    ticks = asyncio.create_task(ticker(7))
    print("main: waits for two workers as they complete")
    loop.call_soon(print, "callback: scheduled before the workers were spawned")
    async for task in asyncio.as_completed([asyncio.create_task(worker("long", 3)),
                                            asyncio.create_task(worker("short", 1))]):
        print(f"main: got {task.result()}")
    await ticks


asyncio.run(main())
