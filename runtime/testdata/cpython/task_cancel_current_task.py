from vloop import *


async def main():
    reached = []

    async def sleeper():
        asyncio.current_task().cancel()
        reached.append("before sleep")
        await asyncio.sleep(100)
        reached.append("after sleep")
        return 12

    async def at_end():
        asyncio.current_task().cancel()
        reached.append("at end")
        return 12

    t = asyncio.create_task(sleeper())
    u = asyncio.create_task(at_end())
    await asyncio.wait([t, u])
    log(reached, t.cancelled(), u.cancelled(), t.cancel(), u.cancel())


run(main)
