# Ctrl-C as asyncio.run takes it: the main task is cancelled first (its gather
# cancels a and b, whose cleanup runs, then main's), and the background task only
# when the main task has ended. The twin of interrupt_order.lua: it sends itself
# SIGINT where interrupt_test.go presses Ctrl-C.

import asyncio
import os
import signal


async def worker(name):
    try:
        await asyncio.sleep(100)
    finally:
        print(f"{name} cleans up", flush=True)


async def background():
    await asyncio.sleep(0.05)
    print("ready", flush=True)
    os.kill(os.getpid(), signal.SIGINT)
    await worker("background")


async def main():
    asyncio.create_task(background())
    try:
        await asyncio.gather(worker("a"), worker("b"))
    finally:
        print("main: gather cancelled", flush=True)


signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
asyncio.run(main())
