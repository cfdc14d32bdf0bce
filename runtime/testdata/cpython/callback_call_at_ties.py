from vloop import *


async def main():
    loop = asyncio.get_running_loop()
    when = loop._vt + 1
    out = []
    handles = [loop.call_at(when, out.append, i) for i in range(7)]
    handles[2].cancel()
    loop.call_later(0.5, out.append, "half")
    log(handles[2].cancelled(), handles[3].cancelled())
    await asyncio.sleep(2)
    log(out)
    soon = [loop.call_soon(out.append, i) for i in range(10, 13)]
    soon[1].cancel()
    await asyncio.sleep(0)
    log(out[7:])


run(main)
