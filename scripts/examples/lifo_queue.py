# The asyncio twin of lifo_queue.lua: asyncio.LifoQueue.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def dishwasher(stack):
    plates = (("blue", 0.1), ("green", 0.1), ("red", 0.1), ("white", 0.2), ("yellow", 0.3))
    for plate, seconds in plates:
        await asyncio.sleep(seconds)
        await stack.put(plate)
        print(f"{now():.1f} washed the {plate} plate, {stack.qsize()} on the stack")


async def cook(stack):
    for pause, plates in ((0.4, 2), (0.2, 2), (0.1, 1)):
        await asyncio.sleep(pause)
        for _ in range(plates):
            if stack.empty():
                print(f"{now():.1f} the stack is empty: the cook waits")
            plate = await stack.get()
            print(f"{now():.1f} cook takes the {plate} plate")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    stack = asyncio.LifoQueue()
    await asyncio.gather(dishwasher(stack), cook(stack))


asyncio.run(main())
