# The asyncio twin of gather.lua: asyncio.gather.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def quote(airline, seconds, price):
    await asyncio.sleep(seconds)
    print(f"{now():.1f} {airline} answers {price}")
    return price


async def offline(airline, seconds):
    await asyncio.sleep(seconds)
    raise ConnectionError(f"{airline} is offline")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    a, b, c = await asyncio.gather(
        quote("Albatross Air", 0.3, 120),
        quote("Budget Wings", 0.1, 95),
        quote("Condor Lines", 0.2, 140))
    print(f"{now():.1f} prices in the order asked: {a}, {b}, {c}")

    slow = asyncio.create_task(quote("Albatross Air", 0.3, 125))
    try:
        await asyncio.gather(slow, offline("Budget Wings", 0.1))
    except ConnectionError as err:
        print(f"{now():.1f} gather failed: {err}")
    print(f"{now():.1f} the slow request is still running: {'no' if slow.done() else 'yes'}")
    price = await slow
    print(f"{now():.1f} and its price arrives anyway: {price}")


asyncio.run(main())
