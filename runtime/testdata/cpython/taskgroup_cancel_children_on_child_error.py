from vloop import *


async def main():
    seen = []

    async def foo1(n):
        await asyncio.sleep(0.1)
        seen.append(f"foo1-{n} fails")
        1 / 0

    async def foo2():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            seen.append("foo2 cancelled")
            raise

    async def runner():
        async with asyncio.TaskGroup() as g:
            g.create_task(foo1(1))
            g.create_task(foo1(2))
            g.create_task(foo1(3))
            g.create_task(foo2())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                seen.append("body cancelled")
                raise
        seen.append("after group")

    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        log(seen, len(eg.exceptions))


run(main)
