# Teaches: a task group that fails raises one ExceptionGroup holding every error:
# the children's in the order they failed, then the body's. Its message says how
# many; .exceptions lists them, as except* sees them.
#
# Three cooks share a kitchen. Two burn their dish at the same moment; the third
# is told to stop; the head cook (the body) then slips on the wet floor.

import asyncio


def now():
    return asyncio.get_running_loop().time() - START


async def cook(name, dish, seconds, burns):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{now():.1f} {name} stops making the {dish}")
        raise
    if burns:
        print(f"{now():.1f} {name} burns the {dish}")
        raise RuntimeError(f"{name} burnt the {dish}")
    print(f"{now():.1f} {name} serves the {dish}")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(cook("Ann", "soup", 0.2, True))
            g.create_task(cook("Ben", "bread", 0.2, True))
            g.create_task(cook("Cat", "cake", 0.5, False))
            try:
                await asyncio.sleep(1)
                slept = True
            except asyncio.CancelledError:
                slept = False
            print(f"{now():.1f} head cook interrupted: {str(not slept).lower()}")
            raise RuntimeError("the head cook slipped")
    except ExceptionGroup as err:
        print("false", type(err).__name__, sep="\t")
        print(err)
        for i, e in enumerate(err.exceptions, 1):
            print(i, e, sep="\t")

    # One failure is still a group, of one.
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(cook("Dan", "tea", 0.1, True))
    except ExceptionGroup as err:
        print(err, len(err.exceptions), err.exceptions[0], sep="\t")


asyncio.run(main())
