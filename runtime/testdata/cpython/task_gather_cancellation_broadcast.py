from vloop import *


async def main():
    proof = 0
    waiter = asyncio.Event()

    async def inner():
        nonlocal proof
        await waiter.wait()
        proof += 1

    child1 = asyncio.create_task(inner())
    child2 = asyncio.create_task(inner())

    async def outer():
        nonlocal proof
        await asyncio.gather(child1, child2)
        proof += 100

    f = asyncio.create_task(outer())
    await asyncio.sleep(0)
    log(f.cancel())
    try:
        await f
    except asyncio.CancelledError:
        log("cancelled", child1.cancelled(), child2.cancelled())
    await asyncio.sleep(0)
    log(proof)


run(main)
