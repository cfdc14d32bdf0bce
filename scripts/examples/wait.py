# The asyncio twin of wait.lua: asyncio.wait returns sets, so we list them in the
# order the players were given (luasync's wait returns lists in that order).
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def contestant(think):
    await asyncio.sleep(think)
    print(f"{now():.1f} {asyncio.current_task().get_name()} buzzes")
    return asyncio.current_task().get_name()


async def main():
    global START
    START = asyncio.get_running_loop().time()
    players = []
    for name, think in (("Ada", 0.3), ("Ben", 0.1), ("Cyd", 0.6)):
        t = asyncio.create_task(contestant(think))
        t.set_name(name)
        players.append(t)

    def in_order(tasks):
        return [t for t in players if t in tasks]

    done, pending = await asyncio.wait(players, return_when=asyncio.FIRST_COMPLETED)
    print(f"{now():.1f} first to buzz: {in_order(done)[0].result()}; still thinking: {len(pending)}")

    done, pending = await asyncio.wait(pending, timeout=0.3)
    for t in in_order(done):
        print(f"{now():.1f} also buzzed in time: {t.result()}")
    for t in in_order(pending):
        print(f"{now():.1f} {t.get_name()} is out of time")
        t.cancel()

    done, pending = await asyncio.wait(players)
    for t in in_order(done):
        print(f"{t.get_name()}: {'sent home' if t.cancelled() else 'answered'}")


asyncio.run(main())
