# The asyncio twin of leftover_cleanup.lua: asyncio.run waits for the cancelled tasks,
# not for the tasks their cleanup starts; those are destroyed pending.
import asyncio


async def radio():
    song = 0
    while True:
        song += 1
        print("radio plays song", song)
        await asyncio.sleep(0)


async def cleaner():
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        print("cleaner: closing time (Cancelled)")
        asyncio.create_task(radio())
        await asyncio.sleep(0)
        print("cleaner: floor swept")
        await asyncio.sleep(0)
        print("cleaner: lights off, going home")
        raise


async def main():
    asyncio.create_task(cleaner())
    await asyncio.sleep(1)
    print("the main chunk returns")


asyncio.run(main())
