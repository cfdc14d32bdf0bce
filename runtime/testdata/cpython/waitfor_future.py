from vloop import *


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("done")
    ret = await asyncio.wait_for(fut, 0)
    log(ret, fut.done())

    late = loop.create_future()

    def deliver():
        if not late.done():
            late.set_result("late")

    loop.call_later(10, deliver)
    try:
        await asyncio.wait_for(late, 0.5)
    except TimeoutError:
        log("late: timeout", late.cancelled())

    failing = loop.create_future()
    loop.call_later(0.1, lambda: failing.set_exception(RuntimeError("boom")))
    try:
        await asyncio.wait_for(failing, None)
    except RuntimeError as e:
        log(f"failing: {e}")


run(main)
