# The asyncio twin of timeout.lua.
import asyncio

START = 0.0


def at(t):
    return f"{t - START:.1f}"


def now():
    return asyncio.get_running_loop().time()


async def main():
    global START
    START = now()
    me = asyncio.current_task()

    print("-- a deadline that passes")
    try:
        async with asyncio.timeout(0.5) as scope:
            print(f"inside: fetching a page, deadline at {at(scope.when())}")
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print(f"inside: sleep raised Cancelled at {at(now())}")
                raise
    except TimeoutError:
        print(f"main: timeout raised Timeout, not cancelled: {me.cancelling()}")

    print("-- no deadline at first, then one")
    async with asyncio.timeout(None) as scope:
        print(f"inside: {scope!r}")
        scope.reschedule(now() + 0.3)
        print(f"inside: deadline at {at(scope.when())}")
        await asyncio.sleep(0.1)
    print(f"main: done in time, expired: {str(scope.expired()).lower()}, {scope!r}")

    print("-- nested: the outer deadline comes first")
    try:
        async with asyncio.timeout_at(now() + 0.2):
            try:
                async with asyncio.timeout(10):
                    await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("inner scope raised Cancelled")
                raise
    except TimeoutError:
        print("main: outer scope raised Timeout")

    print("-- a body that swallows the cancellation returns normally")
    async with asyncio.timeout(0.2) as scope:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass
        print(f"inside: expired: {str(scope.expired()).lower()} at {at(now())}")
        late = "a late answer"
    print(f"main: got {late}")
    await asyncio.sleep(0.1)
    print("main: still running, not cancelled")


asyncio.run(main())
