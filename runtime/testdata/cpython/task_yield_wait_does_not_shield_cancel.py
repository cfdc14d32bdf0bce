from vloop import *


async def main():
    proof = 0
    waiter = asyncio.Event()

    async def inner():
        nonlocal proof
        await waiter.wait()
        proof += 1

    async def outer():
        nonlocal proof
        d, p = await asyncio.wait([asyncio.create_task(inner())])
        proof += 100

    f = asyncio.create_task(outer())
    await asyncio.sleep(0)
    f.cancel()
    try:
        await f
    except asyncio.CancelledError:
        log("cancelled", proof)
    waiter.set()
    await asyncio.sleep(0)
    log(proof)


run(main)
