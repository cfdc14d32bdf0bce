# Teaches: a Future is a result that is not there yet. Tasks wait for it (await),
# functions subscribe to it (add_done_callback); when it gets its result they run
# in the order they subscribed, one iteration later. A future is completed once:
# set_result again is an InvalidStateError. It can hold an exception instead, or
# be cancelled, and whoever awaits it gets that.
#
# A parcel is on its way: Ann and Ben wait for it, a notifier is subscribed.

import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


def say(what):
    print(f"{now():.1f} {what}")


async def waiter(name, fut):
    value = await fut
    say(f"{name} got {value}")


def on_done(fut):
    say(f"notifier: the parcel is {fut.result()}")


def never(fut):
    say("this callback was removed")


async def main():
    global START
    loop = asyncio.get_running_loop()
    START = loop.time()
    parcel = loop.create_future()
    print(parcel)
    parcel.add_done_callback(never)
    parcel.add_done_callback(on_done)
    parcel.add_done_callback(never)
    print("removed", parcel.remove_done_callback(never), sep="\t")
    ann = asyncio.create_task(waiter("Ann", parcel))
    ben = asyncio.create_task(waiter("Ben", parcel))
    await asyncio.sleep(0)
    print("done:", str(parcel.done()).lower(), sep="\t")
    try:
        parcel.result()
    except asyncio.InvalidStateError as err:
        print("result too early:", err, sep="\t")
    loop.call_later(1, parcel.set_result, "here")
    await ann
    await ben
    print(parcel, parcel.result(), sep="\t")
    try:
        parcel.set_result("again")
    except asyncio.InvalidStateError as err:
        print("set_result again:", err, sep="\t")

    lost = loop.create_future()
    lost.set_exception(Exception("lost in the post"))
    print(lost, lost.exception(), sep="\t")
    try:
        await lost
    except Exception as err:
        print("await raised:", err, sep="\t")

    shop = loop.create_future()
    cat = asyncio.create_task(waiter("Cat", shop))
    await asyncio.sleep(0)
    print("cancel:", str(shop.cancel("shop closed")).lower(), sep="\t")
    print(shop, str(shop.cancelled()).lower(), sep="\t")
    try:
        await cat
    except asyncio.CancelledError as err:
        print("Cat's wait was cancelled:", err, sep="\t")


asyncio.run(main())
