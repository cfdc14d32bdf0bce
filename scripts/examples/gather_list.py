# The asyncio twin of gather_list.lua.
import asyncio


async def fetch(name, d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise Exception(f"{name} failed")
    return name


def show(r):
    if isinstance(r, asyncio.CancelledError):
        return f"Cancelled: {r}"
    if isinstance(r, BaseException):
        return str(r)
    return str(r)


async def main():
    print("-- a list in, a list out")
    tasks = [asyncio.create_task(fetch(f"page{i}", 0.1 * (6 - i))) for i in range(1, 6)]
    print(", ".join(await asyncio.gather(*tasks)))

    print("-- return_exceptions: errors stand in their slots")
    victim = asyncio.create_task(fetch("slow", 10))

    async def canceller():
        await asyncio.sleep(0.3)
        victim.cancel("not needed")
        return "c"

    results = await asyncio.gather(fetch("a", 0.1), fetch("b", 0.2, True), victim, canceller(),
                                   return_exceptions=True)
    for i, r in enumerate(results, 1):
        print(f"{i}\t{show(r)}")

    print("-- without it, the first error is raised; the others go on")
    slow = asyncio.create_task(fetch("late", 0.5))
    try:
        await asyncio.gather(asyncio.create_task(fetch("bad", 0.1, True)), slow)
    except Exception as err:
        print(f"gather raised: {show(err)}; late is done: {str(slow.done()).lower()}")
    print(f"late still finishes: {await slow}")

    print("-- the gatherer cancelled")
    children = [asyncio.create_task(fetch("x", 1)), asyncio.create_task(fetch("y", 2))]

    async def gathering():
        try:
            await asyncio.gather(*children, return_exceptions=True)
        except asyncio.CancelledError as err:
            print(f"gatherer: gather raised {show(err)}")
            raise

    gatherer = asyncio.create_task(gathering())
    await asyncio.sleep(0.5)
    gatherer.cancel("stop")
    try:
        await gatherer
    except asyncio.CancelledError:
        pass
    print(f"children cancelled: {str(children[0].cancelled()).lower()}, {str(children[1].cancelled()).lower()}")

    print("-- finished tasks: no yield")
    finished = asyncio.create_task(fetch("ready", 0))
    await asyncio.sleep(0.1)

    async def another():
        print("another task runs")

    asyncio.create_task(another())
    print(f"gathered {(await asyncio.gather(finished))[0]} first")
    await asyncio.sleep(0)


asyncio.run(main())
