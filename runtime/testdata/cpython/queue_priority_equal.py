from vloop import *


class Item:
    def __init__(self, name):
        self.name = name

    def __lt__(self, other):
        return False


async def main():
    q = asyncio.PriorityQueue()
    for name in "abcde":
        q.put_nowait((1, Item(name)))
    q.put_nowait((0, Item("z")))
    for name in "fg":
        q.put_nowait((1, Item(name)))
    order = []
    while not q.empty():
        order.append((await q.get())[1].name)
    log(order)


run(main)
