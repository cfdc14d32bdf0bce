from vloop import *


async def main():
    event = asyncio.Event()
    seen = []

    async def raise_error():
        event.set()
        await asyncio.sleep(0)
        raise RuntimeError()

    async def inner():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(raise_error())
                await asyncio.sleep(1)
                seen.append("slept in group")
        except* RuntimeError:
            seen.append("group failed")
        await asyncio.sleep(1)
        seen.append("slept after group")

    t = asyncio.create_task(inner())
    await event.wait()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log("cancelled", seen, t.cancelled())


run(main)
