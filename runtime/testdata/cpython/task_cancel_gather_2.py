from vloop import *


async def main():
    async def test():
        time = 0
        while True:
            time += 0.05
            await asyncio.gather(asyncio.sleep(0.05), return_exceptions=True)
            if time > 1:
                return

    qwe = asyncio.create_task(test())
    await asyncio.sleep(0.2)
    qwe.cancel("my message")
    try:
        await qwe
    except asyncio.CancelledError as exc:
        log("cancelled", exc.args, qwe.cancelled())


run(main)
