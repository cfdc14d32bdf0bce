# The asyncio twin of queue.lua: asyncio.Queue with task_done() and join(). Python
# 3.11 has no Queue.close(), so the clerk puts one None per carrier to send them home.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def carrier(shelf, name, trip):
    while (letter := await shelf.get()) is not None:
        print(f"{now():.1f} {name} takes the letter for {letter}")
        await asyncio.sleep(trip)
        print(f"{now():.1f} {name} delivered to {letter}")
        shelf.task_done()
    print(f"{now():.1f} {name} goes home")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    shelf = asyncio.Queue(2)
    carriers = [asyncio.create_task(carrier(shelf, "Pat", 0.3)),
                asyncio.create_task(carrier(shelf, "Sam", 0.5))]
    for street in ("Elm St", "Oak Ave", "Pine Rd", "Bay Ln", "Hill Ct"):
        await shelf.put(street)
        print(f"{now():.1f} clerk shelves {street}, {shelf.qsize()} on the shelf")
    await shelf.join()
    print(f"{now():.1f} all letters delivered")
    for _ in carriers:
        await shelf.put(None)
    await asyncio.gather(*carriers)
    print(f"{now():.1f} post office closed")


asyncio.run(main())
