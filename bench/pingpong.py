# The asyncio twin of pingpong.lua: two tasks bounce a token through two queues.
# Run: python3 bench/pingpong.py [ROUNDS]
import asyncio
import sys

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 200000


async def pong(q1, q2):
    for i in range(1, ROUNDS + 1):
        token = await q1.get()
        await q2.put((token * 31 + i) % 1000003)


async def ping(q1, q2):
    token = 1
    for _ in range(ROUNDS):
        await q1.put(token)
        token = await q2.get()
    return token


async def main():
    q1, q2 = asyncio.Queue(), asyncio.Queue()
    token, _ = await asyncio.gather(ping(q1, q2), pong(q1, q2))
    print(f"pingpong rounds={ROUNDS} token={token}")


asyncio.run(main())
