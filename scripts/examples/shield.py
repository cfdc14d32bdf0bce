# The asyncio twin of shield.lua.
import asyncio


async def save(what):
    print(f"save: writing {what}")
    await asyncio.sleep(1)
    print(f"save: {what} written")
    return f"{what} saved"


def low(b):
    return str(b).lower()


async def main():
    print("-- the caller is cancelled; the shielded task goes on")
    saving = asyncio.create_task(save("report"))

    async def calling():
        try:
            return await asyncio.shield(saving)
        except asyncio.CancelledError:
            print("caller: Cancelled while it waited")
            raise

    caller = asyncio.create_task(calling())
    await asyncio.sleep(0.5)
    caller.cancel()
    try:
        await caller
    except asyncio.CancelledError:
        pass
    print(f"main: caller cancelled: {low(caller.cancelled())}, report done: {low(saving.done())}")
    print(f"main: {await saving}")

    print("-- cancelling the task itself reaches who waits on the shield")
    draft = asyncio.create_task(save("draft"))
    f = asyncio.shield(draft)

    async def canceller():
        await asyncio.sleep(0.5)
        draft.cancel()

    asyncio.create_task(canceller())
    try:
        await f
    except asyncio.CancelledError:
        print(f"main: join raised Cancelled; the shield is cancelled: {low(f.cancelled())}")

    print("-- a finished task's shield is the task")
    print(f"main: {low(asyncio.shield(saving) is saving)}")

    print("-- wait_for on a shield: stop waiting, not working")
    archive = asyncio.create_task(save("archive"))
    try:
        await asyncio.wait_for(asyncio.shield(archive), 0.5)
    except TimeoutError:
        print(f"main: wait_for raised Timeout, archive cancelled: {low(archive.cancelled())}")
    print(f"main: {await archive}")


asyncio.run(main())
