from vloop import *


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()

    async def child():
        await asyncio.sleep(1)
        f1.set_result(10)
        return 20

    t = asyncio.create_task(child())
    res = await asyncio.gather(f1, t)
    log("gather", res)

    f3 = loop.create_future()
    loop.call_later(1, f3.cancel, "why")
    loop.call_later(2, f2.set_exception, ZeroDivisionError("division by zero"))
    res = await asyncio.gather(f2, f3, return_exceptions=True)
    log("return_exceptions", [f"Cancelled({r})" if isinstance(r, asyncio.CancelledError) else str(r) for r in res])

    f4 = loop.create_future()
    loop.call_later(1, f4.cancel, "no")
    try:
        await asyncio.gather(f4)
    except asyncio.CancelledError as exc:
        log("cancelled future", list(exc.args))


run(main)
