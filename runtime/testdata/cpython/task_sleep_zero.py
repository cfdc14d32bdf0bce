from vloop import *


async def main():
    result = 0

    def inc_result(num):
        nonlocal result
        result += num

    asyncio.get_running_loop().call_soon(inc_result, 1)
    log(result)
    await asyncio.sleep(0)
    log(result)


run(main)
