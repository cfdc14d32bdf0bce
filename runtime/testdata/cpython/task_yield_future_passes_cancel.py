from vloop import *


async def main():
    proof = 0
    waiter = asyncio.Event()

    async def inner():
        nonlocal proof
        try:
            await waiter.wait()
        except asyncio.CancelledError:
            proof += 1
            raise
        proof += 1000

    async def outer():
        nonlocal proof
        try:
            await inner()
        except asyncio.CancelledError:
            proof += 100
        else:
            proof += 10

    f = asyncio.create_task(outer())
    await asyncio.sleep(0)
    f.cancel()
    await f
    log(proof, f.cancelled(), f.done())


run(main)
