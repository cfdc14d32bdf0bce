# The asyncio twin of semaphore.lua: asyncio.Semaphore.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def cook(stoves, name, dish, seconds):
    print(f"{now():.1f} {name} wants a stove for the {dish}")
    async with stoves:
        print(f"{now():.1f} {name} starts the {dish}")
        await asyncio.sleep(seconds)
        print(f"{now():.1f} {name}'s {dish} is done")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    stoves = asyncio.Semaphore(2)

    def free():
        return "no" if stoves.locked() else "yes"

    cooks = [
        asyncio.create_task(cook(stoves, "Ana", "soup", 0.3)),
        asyncio.create_task(cook(stoves, "Ben", "rice", 0.1)),
        asyncio.create_task(cook(stoves, "Cy", "stew", 0.3)),
        asyncio.create_task(cook(stoves, "Di", "omelette", 0.2)),
    ]
    print(f"{now():.1f} kitchen opens; is a stove free? {free()}")
    await asyncio.sleep(0.2)
    print(f"{now():.1f} is a stove free? {free()}")
    await asyncio.gather(*cooks)
    print(f"{now():.1f} kitchen closes; is a stove free? {free()}")


asyncio.run(main())
