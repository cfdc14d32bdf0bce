# The asyncio twin of task_repr.lua: repr(task). Its functions sit on the same lines.
import asyncio
import re


def show(task):
    # asyncio's own callbacks without their file, the script as its file name.
    r = re.sub(r" at \S*asyncio/\S+\.py:\d+", "", repr(task))
    return re.sub(r"at \S*/", "at ", r).replace("task_repr.py:", "task_repr.lua:")


async def brew(cups):
    await asyncio.sleep(0.1)
    return cups * 2


async def spill():
    await asyncio.sleep(0.1)
    raise Exception("the cup fell")


async def serve(task):
    return await asyncio.gather(task)

async def main():
    order = asyncio.create_task(brew(21))
    print(show(order))
    print(show(asyncio.current_task()))
    await asyncio.sleep(0)
    print(show(order))
    server = asyncio.create_task(serve(order))
    await asyncio.sleep(0)
    print(show(order))
    print(show(server))
    await server
    print(show(order))
    mishap = asyncio.create_task(spill())
    late = asyncio.create_task(brew(1))
    await asyncio.sleep(0)
    late.cancel()
    print(show(late))
    await asyncio.sleep(0.2)
    print(show(mishap))
    print(show(late))
    print(mishap.exception())


asyncio.run(main())
