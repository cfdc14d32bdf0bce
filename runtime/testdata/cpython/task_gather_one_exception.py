from vloop import *


async def main():
    fa, fb, fc = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def child(ev, fail):
        await ev.wait()
        if fail:
            raise ZeroDivisionError()
        return 1

    a = asyncio.create_task(child(fa, False))
    b = asyncio.create_task(child(fb, True))
    c = asyncio.create_task(child(fc, True))

    async def outer():
        try:
            await asyncio.gather(a, b, c)
        except ZeroDivisionError:
            log("gather raised", a.done(), b.done(), c.done())

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    fa.set()
    fb.set()
    await asyncio.sleep(0)
    log(o.done(), a.done(), b.done())
    await asyncio.sleep(0)
    log(o.done())
    await asyncio.sleep(0)
    log(o.done())
    fc.set()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log(c.done(), o.done())


run(main)
