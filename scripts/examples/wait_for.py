# The asyncio twin of wait_for.lua: asyncio.wait_for raises TimeoutError.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def deliver(shop, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{now():.1f} {shop}: order cancelled, the staff eat the pizza")
        raise
    print(f"{now():.1f} {shop}: pizza delivered")
    return "a margherita from " + shop


async def main():
    global START
    START = asyncio.get_running_loop().time()
    for shop, seconds in (("Luigi's", 0.3), ("Mario's", 0.8)):
        start = now()
        print(f"{now():.1f} ordering from {shop}")
        try:
            result = await asyncio.wait_for(deliver(shop, seconds), 0.5)
        except TimeoutError:
            print(f"{now():.1f} gave up on {shop} after {now() - start:.1f} s")
        else:
            print(f"{now():.1f} dinner: {result}")


asyncio.run(main())
