# The asyncio twin of task_names.lua: the names asyncio gives tasks.
import asyncio


async def cook():
    await asyncio.sleep(0.1)
    return asyncio.current_task().get_name()


async def main():
    print("the main chunk is " + asyncio.current_task().get_name())
    soup = asyncio.create_task(cook())
    print("spawn made " + soup.get_name())
    print("gather made", *await asyncio.gather(cook(), cook()), sep="\t")
    async with asyncio.TaskGroup() as g:
        dessert = g.create_task(cook())
        print("task_group made " + dessert.get_name())
    chef = asyncio.create_task(cook())
    chef.set_name("chef")
    print("renamed: " + await chef)
    print("the next one is " + await asyncio.create_task(cook()))
    print("soup was cooked by " + await soup)


asyncio.run(main())
