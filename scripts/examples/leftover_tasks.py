# The asyncio twin of leftover_tasks.lua: asyncio.run cancels the tasks left.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def heartbeat():
    beats = 0
    try:
        while True:
            await asyncio.sleep(0.2)
            beats += 1
            print(f"{now():.1f} beat {beats}")
    except asyncio.CancelledError:
        print(f"{now():.1f} heartbeat stops after {beats} beats: Cancelled")
        raise


async def saver():
    try:
        await asyncio.sleep(10)
    finally:
        await asyncio.sleep(0.2)
        print(f"{now():.1f} saver: the work is saved")


async def courier():
    print(f"{now():.1f} courier sets off")
    await asyncio.sleep(5)
    print("the courier never gets here")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    asyncio.create_task(heartbeat())
    asyncio.create_task(saver())
    await asyncio.sleep(0.7)
    asyncio.create_task(courier())
    print(f"{now():.1f} the main chunk returns")


asyncio.run(main())
