from vloop import *


async def main():
    proof = 0
    waiter = asyncio.Event()

    async def inner():
        nonlocal proof
        await waiter.wait()
        proof += 1
        return "inner"

    async def outer(t):
        nonlocal proof
        await asyncio.shield(t)
        proof += 100

    t = asyncio.create_task(inner())
    f = asyncio.create_task(outer(t))
    await asyncio.sleep(0)
    f.cancel()
    try:
        await f
    except asyncio.CancelledError:
        log("outer cancelled", f.cancelled(), t.done())
    waiter.set()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log("proof", proof, t.result())

    t2 = asyncio.create_task(inner())
    s = asyncio.shield(t2)
    await asyncio.sleep(0)
    s.cancel()
    await asyncio.sleep(0)
    log("shield cancelled", s.cancelled(), t2.cancelled())

    t3 = asyncio.create_task(asyncio.sleep(10))
    s3 = asyncio.shield(t3)
    await asyncio.sleep(0)
    t3.cancel()
    try:
        await s3
    except asyncio.CancelledError:
        log("inner cancelled", s3.cancelled(), t3.cancelled())


run(main)
