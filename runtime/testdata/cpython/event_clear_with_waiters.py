from vloop import *


async def main():
    ev = asyncio.Event()
    result = []

    async def c1():
        if await ev.wait():
            result.append(1)

    t = asyncio.create_task(c1())
    await asyncio.sleep(0)
    log(result)
    ev.set()
    ev.clear()
    log(ev.is_set())
    ev.set()
    ev.set()
    log(len(ev._waiters))
    await asyncio.sleep(0)
    log(result, len(ev._waiters), t.done())


run(main)
