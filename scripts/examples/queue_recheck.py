# The asyncio twin of queue_recheck.lua: asyncio.Queue wakes a waiting getter (or
# putter) without handing it anything; it checks the queue again when it runs.
import asyncio


def attempt(f, *args):
    """Calls f(*args) and says what came of it: its result, "ok" or the error."""
    try:
        v = f(*args)
        return "ok" if v is None else str(v)
    except asyncio.QueueEmpty:
        return "QueueEmpty"
    except asyncio.QueueFull:
        return "QueueFull"


async def main():
    print("-- a getter woken for an item another task takes")
    q = asyncio.Queue()

    async def get_one():
        print("getter: waits for an item")
        print("getter: got " + await q.get())

    async def snatch():
        print("snatcher: get_nowait() gives " + attempt(q.get_nowait))

    getter = asyncio.create_task(get_one())
    await asyncio.sleep(0)
    snatcher = asyncio.create_task(snatch())
    q.put_nowait("apple")
    print(f"main: put an apple, qsize {q.qsize()}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"main: {q}")
    q.put_nowait("banana")
    await getter
    await snatcher

    print("-- a putter woken for room another task takes")
    box = asyncio.Queue(1)
    box.put_nowait("old")

    async def put_one():
        print("putter: waits to put new")
        await box.put("new")
        print("putter: has put new")

    async def sneak_in():
        print("sneak: put_nowait(sneaky) gives " + attempt(box.put_nowait, "sneaky"))

    putter = asyncio.create_task(put_one())
    await asyncio.sleep(0)
    sneak = asyncio.create_task(sneak_in())
    print(f"main: takes {box.get_nowait()}, qsize {box.qsize()}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"main: {box}")
    print(f"main: takes {box.get_nowait()}")
    await putter
    await sneak
    print(f"main: takes {box.get_nowait()}")


asyncio.run(main())
