# The asyncio twin of task_group.lua: asyncio.TaskGroup. Python wraps the failure
# in an ExceptionGroup; luasync's task_group raises the first error itself.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def carry(who, what, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{now():.1f} {who} puts the {what} down")
        raise
    print(f"{now():.1f} {who} brought the {what}")


async def drop(who, what, seconds):
    await asyncio.sleep(seconds)
    print(f"{now():.1f} {who} drops the {what}!")
    raise RuntimeError(f"{who} dropped the {what}")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    async with asyncio.TaskGroup() as g:
        g.create_task(carry("Ann", "lamp", 0.1))
        g.create_task(carry("Ben", "books", 0.3))
        g.create_task(carry("Cat", "chairs", 0.2))
        print(f"{now():.1f} first trip: three friends on their way")
    print(f"{now():.1f} first trip done")

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(carry("Ann", "sofa", 0.4))
            g.create_task(drop("Dan", "piano", 0.2))
            g.create_task(carry("Cat", "box", 0.1))
    except* RuntimeError as group:
        print(f"{now():.1f} second trip failed: {group.exceptions[0]}")


asyncio.run(main())
