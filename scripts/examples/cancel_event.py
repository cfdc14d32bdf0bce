# The asyncio twin of cancel_event.lua: cancelling one task that waits in
# asyncio.Event.wait.
import asyncio

doors = None


async def visitor(name):
    try:
        await doors.wait()
    except asyncio.CancelledError:
        print(f"{name}: Cancelled, doors open: {str(doors.is_set()).lower()}")
        raise
    print(f"{name}: goes in")


async def main():
    global doors
    doors = asyncio.Event()
    pia, quinn, rex = (asyncio.create_task(visitor(n)) for n in ("Pia", "Quinn", "Rex"))
    await asyncio.sleep(0)
    quinn.cancel()
    print("main: cancelled Quinn")
    await asyncio.sleep(0)
    doors.set()
    print("main: opened the doors")
    await pia
    await rex
    print(f"main: Quinn cancelled: {str(quinn.cancelled()).lower()}")


asyncio.run(main())
