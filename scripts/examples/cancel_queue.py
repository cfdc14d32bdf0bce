# The asyncio twin of cancel_queue.lua: cancelling tasks that asyncio.Queue woke
# (a getter for an item, a putter for a free place) before they ran.
import asyncio


async def getter(q, name):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        print(f"{name}: Cancelled, qsize {q.qsize()}")
        raise
    print(f"{name}: got {item}, qsize {q.qsize()}")


async def putter(q, name):
    try:
        await q.put(f"{name}'s box")
    except asyncio.CancelledError:
        print(f"{name}: Cancelled, qsize {q.qsize()}")
        raise
    print(f"{name}: put a box, qsize {q.qsize()}")


async def main():
    print("-- a woken getter is cancelled")
    q = asyncio.Queue()
    ivy = asyncio.create_task(getter(q, "Ivy"))
    jo = asyncio.create_task(getter(q, "Jo"))
    await asyncio.sleep(0)
    q.put_nowait("a parcel")
    ivy.cancel()
    print(f"main: put a parcel and cancelled Ivy, qsize {q.qsize()}")
    await jo
    print(f"main: {q}")

    print("-- a woken putter is cancelled")
    q = asyncio.Queue(1)
    q.put_nowait("an old box")
    kim = asyncio.create_task(putter(q, "Kim"))
    lou = asyncio.create_task(putter(q, "Lou"))
    await asyncio.sleep(0)
    print(f"main: takes {q.get_nowait()}")
    kim.cancel()
    print(f"main: cancelled Kim, qsize {q.qsize()}")
    await lou
    print(f"main: {q}; Kim cancelled: {str(kim.cancelled()).lower()}")


asyncio.run(main())
