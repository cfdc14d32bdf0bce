from vloop import *


async def main():
    q = asyncio.Queue(maxsize=2)
    have_been_put = []

    async def putter():
        for i in range(3):
            await q.put(i)
            have_been_put.append(i)

    t = asyncio.create_task(putter())
    for i in range(2):
        await asyncio.sleep(0)
    log(have_been_put, q.qsize(), q.full(), len(q._putters))
    log(await q.get(), q.qsize(), q.full())
    await asyncio.sleep(0)
    log(have_been_put, q.qsize(), q.full())
    log(await q.get(), await q.get(), t.done())


run(main)
