# Teaches: add_done_callback on a task runs a plain function once the task has
# ended: one loop iteration later, in the order the callbacks were added, before
# the tasks that wait for it were added after them. The callback gets the task and
# looks at how it ended: a result, an error, or a cancellation.
#
# Breakfast: tea, coffee and toast are made at once; a callback announces each.
# The coffee is called off; the toast burns.

import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def make(what, seconds):
    await asyncio.sleep(seconds)
    if what == "toast":
        raise Exception("the toast burnt")
    return what


def announce(task):
    if task.cancelled():
        print(f"{now():.1f} {task.get_name()}: called off")
    elif task.exception() is not None:
        print(f"{now():.1f} {task.get_name()}: failed: {task.exception()}")
    else:
        print(f"{now():.1f} {task.get_name()}: ready, {task.result()}")


def removed(task):
    print("never printed")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    tea = asyncio.create_task(make("tea", 0.1), name="tea")
    coffee = asyncio.create_task(make("coffee", 0.3), name="coffee")
    toast = asyncio.create_task(make("toast", 0.2), name="toast")
    for task in (tea, coffee, toast):
        task.add_done_callback(announce)
        task.add_done_callback(removed)
        print(task.get_name(), "callbacks removed:", task.remove_done_callback(removed), sep="\t")
    coffee.add_done_callback(lambda task: print(f"{now():.1f} {task.get_name()}: second callback"))
    await tea
    print(f"{now():.1f} main: tea joined, after its callback")
    coffee.cancel()
    await asyncio.wait([coffee, toast])
    print(f"{now():.1f} main: all done")


asyncio.run(main())
