# The asyncio twin of event.lua: asyncio.Event.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def runner(pistol, name, seconds):
    print(f"{now():.1f} {name} is on the mark")
    await pistol.wait()
    print(f"{now():.1f} {name} starts running")
    await asyncio.sleep(seconds)
    print(f"{now():.1f} {name} finishes")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    pistol = asyncio.Event()
    racers = [
        asyncio.create_task(runner(pistol, "Ana", 0.4)),
        asyncio.create_task(runner(pistol, "Bo", 0.3)),
        asyncio.create_task(runner(pistol, "Cleo", 0.5)),
    ]
    await asyncio.sleep(0.2)
    print(f"{now():.1f} ready, set... has the pistol fired? {'yes' if pistol.is_set() else 'no'}")
    pistol.set()
    print(f"{now():.1f} BANG! has the pistol fired? {'yes' if pistol.is_set() else 'no'}")
    await asyncio.sleep(0.1)
    racers.append(asyncio.create_task(runner(pistol, "Lou (late)", 0.1)))
    await asyncio.gather(*racers)
    print(f"{now():.1f} race over")


asyncio.run(main())
