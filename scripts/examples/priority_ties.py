# The asyncio twin of priority_ties.lua. luasync's put(item, priority) compares
# (priority, item) with tables comparing equal; in Python the job is an object that
# compares by its priority only (a dataclass with field(compare=False)), since a
# (priority, dict) tuple would raise TypeError on a tie. Round 2 puts
# (priority, number) tuples.
import asyncio
from dataclasses import dataclass, field

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


@dataclass(order=True)
class Job:
    priority: int
    number: int = field(compare=False)


async def worker(jobs, n, item):
    await asyncio.sleep(0.1 * n)
    await jobs.put(item)
    print(f"{now():.1f} worker {n} files job {n}, priority 3, {jobs.qsize()} waiting")


async def printer(jobs, name):
    for _ in range(5):
        job = await jobs.get()
        priority, number = name(job)
        print(f"{now():.1f} printing job {number} (priority {priority})")
        jobs.task_done()


async def main():
    global START
    START = asyncio.get_running_loop().time()
    jobs = asyncio.PriorityQueue()

    await asyncio.gather(*(asyncio.create_task(worker(jobs, n, Job(3, n))) for n in range(1, 6)))
    await asyncio.sleep(0.1)
    await printer(jobs, lambda job: (job.priority, job.number))

    await asyncio.gather(*(asyncio.create_task(worker(jobs, n, (3, n))) for n in range(1, 6)))
    await asyncio.sleep(0.1)
    await printer(jobs, lambda job: job)
    await jobs.join()
    print(f"{now():.1f} all jobs printed")


asyncio.run(main())
