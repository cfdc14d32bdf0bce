# The asyncio twin of task_cancelling.lua.
import asyncio


async def worker():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"worker: caught Cancelled, cancelling() = {me.cancelling()}")
    print(f"worker: uncancel() -> {me.uncancel()}")
    await asyncio.sleep(0.1)
    print(f"worker: slept again, cancelling() = {me.cancelling()}")
    print(f"worker: uncancel() -> {me.uncancel()}")
    return "finished"


async def main():
    w = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print(f"main: cancel() -> {str(w.cancel()).lower()}")
    print(f"main: cancel() again -> {str(w.cancel()).lower()}")
    print(f"main: cancelling() = {w.cancelling()}")
    print(f"main: the worker returned {await w}")
    print(f"main: cancelled() = {str(w.cancelled()).lower()}, cancelling() = {w.cancelling()}")


asyncio.run(main())
