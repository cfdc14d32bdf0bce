# Teaches: call_soon, call_later and call_at run plain functions on the loop,
# outside any task. call_soon's callback is one handle at the back of the ready
# queue, so it runs after the task steps already there; call_later and call_at are
# timers; a handle can be cancelled before it runs. Timers with the same deadline
# set by call_at come out in heapq's order, not in the order they were set.
#
# A kitchen: the oven beeps later, the kettle at a fixed time, and the cook (a
# task) works between them.

import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


def say(what):
    print(f"{now():.1f} {what}")


async def cook():
    say("cook: starts chopping")
    await asyncio.sleep(0.5)
    say("cook: done chopping")


async def main():
    global START
    loop = asyncio.get_running_loop()
    START = loop.time()
    task = asyncio.create_task(cook())
    loop.call_soon(say, "bell: rings soon, after the cook's first step")
    oven = loop.call_later(1, say, "oven: beep")
    late = loop.call_later(2, say, "alarm: never rings")
    print(f"oven at {oven.when() - START:.1f}, cancelled: {str(oven.cancelled()).lower()}")
    late.cancel()
    print(f"alarm cancelled: {str(late.cancelled()).lower()}")
    for name in ["tea", "coffee", "cocoa", "soup", "stew"]:
        loop.call_at(START + 1.5, say, f"kettle: {name}")
    await task
    await asyncio.sleep(2)
    say("kitchen closes")


asyncio.run(main())
