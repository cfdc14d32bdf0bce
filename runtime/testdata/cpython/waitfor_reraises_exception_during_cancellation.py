from vloop import *


class FooException(Exception):
    pass


async def main():
    async def inner():
        try:
            await asyncio.sleep(0.2)
        finally:
            raise FooException

    inner_task = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(inner_task, timeout=0.0001)
    except FooException:
        log("FooException", inner_task.done(), inner_task.cancelled())


run(main)
