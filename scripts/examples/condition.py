# The asyncio twin of condition.lua: asyncio.Condition.
import asyncio

START = 0.0
shelf = 0


def now():
    return asyncio.get_running_loop().time() - START


async def customer(bakery, name):
    global shelf
    async with bakery:
        print(f"{now():.1f} {name} waits for bread")
        while shelf == 0:
            await bakery.wait()
            if shelf == 0:
                print(f"{now():.1f} {name} finds the shelf empty")
        shelf -= 1
        print(f"{now():.1f} {name} buys a loaf, {shelf} left")


async def bake(bakery, loaves, wake):
    global shelf
    await asyncio.sleep(0.2)
    async with bakery:
        shelf += loaves
        print(f"{now():.1f} the baker puts out {loaves}, wakes {wake}")
        if wake == "everyone":
            bakery.notify_all()
        else:
            bakery.notify()


async def main():
    global START
    START = asyncio.get_running_loop().time()
    bakery = asyncio.Condition()
    customers = [asyncio.create_task(customer(bakery, name))
                 for name in ("Ava", "Ben", "Cal", "Dee")]
    await bake(bakery, 1, "one")
    await bake(bakery, 2, "everyone")
    await bake(bakery, 1, "one")
    await asyncio.gather(*customers)
    print(f"{now():.1f} sold out")


asyncio.run(main())
