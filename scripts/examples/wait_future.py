# Teaches: wait and wait_for take futures as well as tasks. A future that a
# callback completes wakes its waiter as a task's end does: wait's done-callback
# runs first, then the waiting task, one iteration later (the ticker counts the
# iterations). wait_for on a future that is late cancels it, as it cancels a
# task; with no limit (None) it just waits; with 0 it returns a done future's
# result at once.

import asyncio

START = 0.0
ticks = 0


def now():
    return asyncio.get_running_loop().time() - START


async def work(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def tick():
    global ticks
    for i in range(1, 6):
        ticks = i
        await asyncio.sleep(0)


async def main():
    global START
    loop = asyncio.get_running_loop()
    START = loop.time()
    ticker = asyncio.create_task(tick())
    signal = loop.create_future()
    loop.call_soon(lambda: signal.set_result("go"))
    await asyncio.wait([signal])
    print(f"{now():.1f} signal done after {ticks} ticks")
    await ticker

    parcel = loop.create_future()
    loop.call_later(0.2, lambda: parcel.set_result("parcel"))
    job = asyncio.create_task(work("job", 0.4))
    done, pending = await asyncio.wait([parcel, job], return_when=asyncio.FIRST_COMPLETED)
    print(f"{now():.1f} first done: {len(done)}, pending: {len(pending)}, parcel done: {str(parcel.done()).lower()}")
    print(f"{now():.1f} done[1] is the parcel: {str(parcel in done).lower()}, pending[1] is the job: {str(job in pending).lower()}")

    done, pending = await asyncio.wait([job, parcel])
    print(f"{now():.1f} all done: {len(done)}, pending: {len(pending)}")

    late = loop.create_future()

    def deliver():
        if not late.cancelled():
            late.set_result("too late")

    loop.call_later(1, deliver)
    try:
        await asyncio.wait_for(late, 0.2)
        failed = False
    except TimeoutError:
        failed = True
    print(f"{now():.1f} wait_for late future fails: {str(failed).lower()}, the future is cancelled: {str(late.cancelled()).lower()}")

    soon = loop.create_future()
    loop.call_later(0.1, lambda: soon.set_result("soon"))
    value = await asyncio.wait_for(soon, None)
    print(f"{now():.1f} wait_for(soon, nil): {value}")
    print(f"{now():.1f} wait_for(done future, 0): {await asyncio.wait_for(soon, 0)}")

    failing = loop.create_future()
    loop.call_soon(lambda: failing.set_exception(RuntimeError("broken")))
    try:
        await asyncio.wait_for(failing, 1)
    except RuntimeError as e:
        print(f"{now():.1f} wait_for failing future: false {e}")


asyncio.run(main())
