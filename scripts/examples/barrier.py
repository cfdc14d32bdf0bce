# The asyncio twin of barrier.lua: asyncio.Barrier (Python 3.11+).
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def hiker(junction, name, legs):
    for leg, seconds in enumerate(legs, 1):
        await asyncio.sleep(seconds)
        print(f"{now():.1f} {name} reaches junction {leg}, {junction.n_waiting} already waiting")
        place = await junction.wait()
        if place == junction.parties - 1:
            print(f"{now():.1f} {name} was last: everyone moves on")
        else:
            print(f"{now():.1f} {name} moves on (arrived {'first' if place == 0 else 'second'})")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    junction = asyncio.Barrier(3)
    await asyncio.gather(hiker(junction, "Ann", (0.1, 0.3)),
                         hiker(junction, "Ben", (0.3, 0.1)),
                         hiker(junction, "Cid", (0.2, 0.2)))
    print(f"{now():.1f} all three at the summit; is the barrier broken? {'yes' if junction.broken else 'no'}")


asyncio.run(main())
