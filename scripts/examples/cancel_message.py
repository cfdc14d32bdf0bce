# The asyncio twin of cancel_message.lua: cancel(msg) and who sees the message.
import asyncio


async def deliver(parcel):
    await asyncio.sleep(10)
    return parcel + " delivered"


def look(who, task):
    try:
        task.result()
        ok, msg = "true", ""
    except asyncio.CancelledError as err:
        ok, msg = "false", (err.args[0] if err.args else "")
    print(f"{who}: {ok}, kind Cancelled, message '{msg}'")


async def main():
    van = asyncio.create_task(deliver("sofa"))
    bike = asyncio.create_task(deliver("letter"))
    await asyncio.sleep(0)
    van.cancel("road closed")
    bike.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    look("dispatcher", van)
    look("customer", van)
    look("sender", bike)
    print("van cancelled: " + str(van.cancelled()).lower())


asyncio.run(main())
