from vloop import *


async def main():
    seen = []

    async def foo(n):
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            seen.append(f"foo{n}")
            raise

    async def runner():
        async with asyncio.TaskGroup() as g:
            for n in range(3):
                g.create_task(foo(n))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                seen.append("body")
                raise

    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    log(r.done())
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        log("cancelled", seen[:1] + sorted(seen[1:]), r.cancelled())


run(main)
