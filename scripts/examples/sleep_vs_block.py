# The asyncio twin of sleep_vs_block.lua: asyncio.sleep versus time.sleep.
import asyncio
import time

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def block(seconds):
    time.sleep(seconds)  # never gives the event loop a turn


async def waiter(name, pause):
    for cup in (1, 2):
        print(f"{now():.1f} {name} waits for cup {cup}")
        await pause(0.1)
    print(f"{now():.1f} {name} has served both cups")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    for how in ("sleep", "block"):
        pause = asyncio.sleep if how == "sleep" else block
        print("-- waiting with " + how)
        start = now()
        await asyncio.gather(asyncio.create_task(waiter("Ann", pause)),
                             asyncio.create_task(waiter("Bob", pause)))
        print(f"took {now() - start:.1f} s")


asyncio.run(main())
