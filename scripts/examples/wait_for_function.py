# The asyncio twin of wait_for_function.lua: since Python 3.12, asyncio.wait_for on
# a coroutine awaits it in the caller's task (inside asyncio.timeout), with no task
# of its own.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def fetch(what):
    print(f"fetch: starts in {asyncio.current_task().get_name()}")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("fetch: Cancelled while it waits")
        raise
    return what


async def caller():
    print("caller: calls wait_for(fetch, 5)")
    try:
        await asyncio.wait_for(fetch("the data"), 5)
    except asyncio.CancelledError:
        print("caller: wait_for raised Cancelled")
        raise
    print("caller: wait_for raised nothing")


async def stubborn():
    try:
        await asyncio.sleep(1)
        caught = "nothing"
    except asyncio.CancelledError:
        caught = "Cancelled"
    print(f"stubborn: caught {caught} after the 0.3 s limit: {str(now() > 0.25).lower()}, returns anyway")
    return "a late answer"


async def main():
    print("-- the caller is cancelled right after it called wait_for")
    c = asyncio.create_task(caller())
    await asyncio.sleep(0)
    c.cancel()
    print("main: cancelled the caller")
    try:
        await c
    except asyncio.CancelledError:
        pass
    print(f"main: the caller is cancelled: {str(c.cancelled()).lower()}")

    print("-- a function that swallows its timeout")
    global START
    START = asyncio.get_running_loop().time()
    answer = await asyncio.wait_for(stubborn(), 0.3)
    print(f"main: wait_for gives {answer}")
    await asyncio.sleep(0.2)
    print("main: still running, not cancelled")


asyncio.run(main())
