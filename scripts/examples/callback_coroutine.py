# Teaches: a callback may drive a coroutine (in Python, a generator): each
# call_later callback resumes it for its next value. A callback cannot wait, but
# the coroutine it resumes runs to its next yield before the callback returns.

import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


def countdown():
    for i in range(3, 0, -1):
        yield i
    yield "liftoff"


async def main():
    global START
    loop = asyncio.get_running_loop()
    START = loop.time()
    gen = countdown()
    launched = loop.create_future()

    def tick():
        value = next(gen)
        print(f"{now():.1f} {value}")
        if value == "liftoff":
            launched.set_result("in orbit")
        else:
            loop.call_later(0.1, tick)

    loop.call_soon(tick)
    result = await launched
    print(f"{now():.1f} {result}")


asyncio.run(main())
