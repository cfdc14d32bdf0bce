from vloop import *


async def main():
    fut1 = asyncio.Event()
    fut2 = asyncio.Event()

    async def coro1():
        log("coro1", asyncio.current_task() is task1)
        await fut1.wait()
        log("coro1", asyncio.current_task() is task1)
        fut2.set()

    async def coro2():
        log("coro2", asyncio.current_task() is task2)
        fut1.set()
        await fut2.wait()
        log("coro2", asyncio.current_task() is task2)

    task1 = asyncio.create_task(coro1())
    task2 = asyncio.create_task(coro2())
    await asyncio.wait((task1, task2))
    log(task1.done(), task2.done())


run(main)
