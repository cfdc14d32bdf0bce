# Teaches: as_completed hands you the tasks (and futures) in the order they
# finish, not the order you gave them: handle each result as soon as it is there.
# With a timeout, what has not finished in time makes the loop raise TimeoutError.
#
# Three pizzas are ordered at once; the quickest one is eaten first. Then two
# more are ordered, but we only wait half a second.

import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def bake(pizza, minutes):
    await asyncio.sleep(minutes / 10)
    return pizza


async def main():
    global START
    loop = asyncio.get_running_loop()
    START = loop.time()
    orders = [
        asyncio.create_task(bake("margherita", 3)),
        asyncio.create_task(bake("funghi", 1)),
        asyncio.create_task(bake("diavola", 2)),
    ]
    drinks = loop.create_future()
    loop.call_later(0.2, drinks.set_result, "lemonade")
    async for done in asyncio.as_completed(orders + [drinks]):
        print(f"{now():.1f} eat the {done.result()}")

    late = [asyncio.create_task(bake("calzone", 9)), asyncio.create_task(bake("marinara", 2))]
    try:
        async for done in asyncio.as_completed(late, timeout=0.5):
            print(f"{now():.1f} eat the {done.result()}")
    except TimeoutError:
        print(f"{now():.1f} too late for the rest: timed out")
    late[0].cancel()


asyncio.run(main())
