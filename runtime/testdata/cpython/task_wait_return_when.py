from vloop import *


async def main():
    async def sleeper(d):
        await asyncio.sleep(d)

    async def exc(d):
        if d:
            await asyncio.sleep(d)
        raise ZeroDivisionError("err")

    a = asyncio.create_task(sleeper(10))
    b = asyncio.create_task(sleeper(0.1))
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    log("first", b in done, a in pending, len(done), len(pending))
    c = asyncio.create_task(exc(0))
    done, pending = await asyncio.wait([c, a], return_when=asyncio.FIRST_EXCEPTION)
    log("exception", c in done, a in pending, len(done), len(pending))
    d = asyncio.create_task(exc(0.01))
    done, pending = await asyncio.wait([d, a], return_when=asyncio.FIRST_EXCEPTION)
    log("exception in wait", d in done, a in pending, len(done), len(pending))
    e = asyncio.create_task(sleeper(0.15))
    f = asyncio.create_task(sleeper(0.1))
    done, pending = await asyncio.wait([e, f], timeout=0.11)
    log("timeout", f in done, e in pending, len(done), len(pending))
    a.cancel()


run(main)
