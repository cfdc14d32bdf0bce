# The asyncio twin of bounded_semaphore.lua: asyncio.BoundedSemaphore raises
# ValueError when released too often.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def visit(guides, name):
    async with guides:
        print(f"{now():.1f} {name} borrows a guide")
        await asyncio.sleep(0.2)
        print(f"{now():.1f} {name} gives it back")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    for kind in ("Semaphore", "BoundedSemaphore"):
        print(f"-- {kind}(2)")
        guides = asyncio.Semaphore(2) if kind == "Semaphore" else asyncio.BoundedSemaphore(2)
        try:
            guides.release()
            print("the extra guide is accepted")
        except ValueError:
            print("the extra guide is refused: released too many times")
        await asyncio.gather(visit(guides, "Ann"), visit(guides, "Bob"), visit(guides, "Cleo"))


asyncio.run(main())
