from vloop import *


async def main():
    cond = asyncio.Condition()
    presult = False
    result = []
    calls = 0

    def predicate():
        nonlocal calls
        calls += 1
        return presult

    async def c1():
        await cond.acquire()
        if await cond.wait_for(predicate):
            result.append(1)
            cond.release()

    t = asyncio.create_task(c1())
    await asyncio.sleep(0)
    log(result, calls)
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    log(result, calls)
    presult = True
    await cond.acquire()
    cond.notify()
    cond.release()
    await asyncio.sleep(0)
    log(result, calls, t.done(), cond.locked())


run(main)
