# The asyncio twin of ticker_gather.lua: asyncio.gather wakes its caller two loop
# iterations after the last task ends (the task's done-callback, then gather's).
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
    ticks = asyncio.create_task(ticker(7))
    print("main: gathers two workers")
    a, b = await asyncio.gather(asyncio.create_task(worker("short", 1)),
                                asyncio.create_task(worker("long", 3)))
    print(f"main: gather returned {a} and {b}")
    await ticks


asyncio.run(main())
