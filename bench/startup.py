# The asyncio twin of startup.lua: start an event loop, print one line.
# Run: python3 bench/startup.py
import asyncio


async def main():
    print("startup ok")


asyncio.run(main())
