# The asyncio twin of wait_for_none.lua.
import asyncio


async def slow(name, d):
    await asyncio.sleep(d)
    return f"{name} after {d} s"


async def main():
    t = asyncio.create_task(slow("a task", 2))
    print("main: " + await asyncio.wait_for(t, None))
    print("main: " + await asyncio.wait_for(slow("a function", 3), None))

    async def waiting():
        try:
            await asyncio.wait_for(slow("never", 100), None)
        except asyncio.CancelledError:
            print("waiter: wait_for raised Cancelled")
            raise

    waiter = asyncio.create_task(waiting())
    await asyncio.sleep(1)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        pass
    print(f"main: the waiter is cancelled: {str(waiter.cancelled()).lower()}")

    async def nothing():
        pass

    print(f"main: the next task is {asyncio.create_task(nothing()).get_name()}: wait_for made no task")


asyncio.run(main())
