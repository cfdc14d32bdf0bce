# The asyncio twin of barrier_cancel.lua: asyncio.Barrier (Python 3.11+); a party
# cancelled while it fills leaves it.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def rower(boat, name, delay):
    await asyncio.sleep(delay)
    print(f"{now():.1f} {name} boards, {boat.n_waiting} waiting")
    try:
        index = await boat.wait()
    except asyncio.CancelledError:
        print(f"{now():.1f} {name} leaves the boat: Cancelled")
        raise
    print(f"{now():.1f} {name} rows off (index {index})")


def yes(b):
    return "yes" if b else "no"


async def main():
    global START
    START = asyncio.get_running_loop().time()
    boat = asyncio.Barrier(3)
    ann = asyncio.create_task(rower(boat, "Ann", 0.1))
    ben = asyncio.create_task(rower(boat, "Ben", 0.2))
    await asyncio.sleep(0.3)
    ben.cancel()
    await asyncio.sleep(0.1)
    print(f"{now():.1f} Ben is gone: {boat.n_waiting} waiting, broken? {yes(boat.broken)}")
    cid = asyncio.create_task(rower(boat, "Cid", 0.1))
    dan = asyncio.create_task(rower(boat, "Dan", 0.2))
    await asyncio.gather(ann, cid, dan)
    print(f"{now():.1f} the boat is out: {boat.n_waiting} waiting, broken? {yes(boat.broken)}; "
          f"Ben cancelled? {yes(ben.cancelled())}")


asyncio.run(main())
