# The asyncio twin of priority_queue.lua: asyncio.PriorityQueue holds
# (urgency, patient) tuples, as luasync's put(patient, urgency) compares them.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def doctor(er):
    await asyncio.sleep(0.1)
    while True:
        urgency, patient = await er.get()
        print(f"{now():.1f} doctor treats the {patient} (urgency {urgency})")
        await asyncio.sleep(0.2)
        er.task_done()


async def arrive(er, patient, urgency):
    await er.put((urgency, patient))
    print(f"{now():.1f} {patient} arrives, urgency {urgency}, {er.qsize()} waiting")


async def main():
    global START
    START = asyncio.get_running_loop().time()
    er = asyncio.PriorityQueue()
    shift = asyncio.create_task(doctor(er))
    await arrive(er, "sprained ankle", 3)
    await arrive(er, "broken arm", 2)
    await arrive(er, "headache", 3)
    await asyncio.sleep(0.2)
    await arrive(er, "heart attack", 1)
    await er.join()
    print(f"{now():.1f} everyone is treated, the doctor goes home")
    shift.cancel()


asyncio.run(main())
