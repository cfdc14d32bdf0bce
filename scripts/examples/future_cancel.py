# Teaches: cancelling a task that awaits a future cancels the future itself, so
# every other task awaiting the same future gets CancelledError too (that is what
# shield is for). The future's done-callbacks run for a cancellation as well.
# A task waiting in as_completed, when cancelled, stops waiting; the tasks it
# waited for go on.
#
# Ann and Ben wait for the same parcel. Ann gives up: the parcel is cancelled, and
# Ben's wait ends too.

import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def wait_for_parcel(name, parcel):
    try:
        value = await parcel
        print(f"{now():.1f} {name} got {value}")
    except asyncio.CancelledError:
        print(f"{now():.1f} {name}: wait cancelled, parcel cancelled: {str(parcel.cancelled()).lower()}")
        raise


async def watch(tasks):
    try:
        async for task in asyncio.as_completed(tasks):
            print(f"{now():.1f} watcher: {task.result()} finished")
    except asyncio.CancelledError:
        print(f"{now():.1f} watcher: cancelled")
        raise


async def work(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def main():
    global START
    loop = asyncio.get_running_loop()
    START = loop.time()
    parcel = loop.create_future()
    parcel.add_done_callback(lambda f: print(f"{now():.1f} callback: parcel cancelled: {str(f.cancelled()).lower()}"))
    ann = asyncio.create_task(wait_for_parcel("Ann", parcel))
    ben = asyncio.create_task(wait_for_parcel("Ben", parcel))
    await asyncio.sleep(0.5)
    ann.cancel()
    await asyncio.wait([ann, ben])
    print(f"{now():.1f} Ann cancelled: {str(ann.cancelled()).lower()}, Ben cancelled: {str(ben.cancelled()).lower()}")

    jobs = [asyncio.create_task(work("short", 0.1)), asyncio.create_task(work("long", 1))]
    watcher = asyncio.create_task(watch(jobs))
    await asyncio.sleep(0.5)
    watcher.cancel()
    await asyncio.wait([watcher])
    print(f"{now():.1f} long job still running: {str(not jobs[1].done()).lower()}")
    print(f"{now():.1f} long job returns {await jobs[1]}")


asyncio.run(main())
