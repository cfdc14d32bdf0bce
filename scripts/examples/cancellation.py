# The asyncio twin of cancellation.lua: task.cancel() and CancelledError.
import asyncio

START = 0.0


def now():
    return asyncio.get_running_loop().time() - START


async def download(file, chunks):
    got = 0
    try:
        for i in range(1, chunks + 1):
            await asyncio.sleep(0.2)
            got = i
            print(f"{now():.1f} {file}: chunk {i} of {chunks}")
    except asyncio.CancelledError:
        print(f"{now():.1f} {file}: stopped after chunk {got}, deleting the partial file")
        raise
    return got


def yes(flag):
    return "yes" if flag else "no"


async def main():
    global START
    START = asyncio.get_running_loop().time()
    movie = asyncio.create_task(download("movie.mp4", 5))
    never = asyncio.create_task(download("song.mp3", 1))
    print(f"{now():.1f} the user changes their mind about song.mp3: cancel() -> {yes(never.cancel())}")

    await asyncio.sleep(0.3)
    print(f"{now():.1f} the user presses Stop: cancel() -> {yes(movie.cancel())}")
    try:
        await movie
    except asyncio.CancelledError:
        print(f"{now():.1f} join raised Cancelled")
    for t in (movie, never):
        name = "movie" if t is movie else "song"
        print(f"{name}: cancelled? {yes(t.cancelled())}; cancel() again -> {yes(t.cancel())}")


asyncio.run(main())
