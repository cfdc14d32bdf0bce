# The asyncio twin of tasks.lua: create_task starts a task, await waits for it.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


started = 0  # how many cooking jobs have begun


async def cook(seconds):
    global started
    me = asyncio.current_task().get_name()
    started += 1
    print(f"{now():.1f} {me}: on the stove")
    await asyncio.sleep(seconds)
    print(f"{now():.1f} {me}: ready")
    return "hot " + me


async def main():
    global START
    START = asyncio.get_running_loop().time()
    eggs = asyncio.create_task(cook(0.3))
    eggs.set_name("eggs")
    toast = asyncio.create_task(cook(0.2))
    toast.set_name("toast")
    print(f"{now():.1f} spawned {eggs.get_name()} and {toast.get_name()}; "
          f"jobs started so far: {started}")

    plate = await eggs
    print(f"{now():.1f} joined eggs: got {plate}")
    print(f"{now():.1f} is the toast done already? {'yes' if toast.done() else 'no'}")
    plate = await toast
    print(f"{now():.1f} joined toast: got {plate}")
    print(f"{now():.1f} breakfast is served")


asyncio.run(main())
