import queue

jobs = queue.Queue()


def drain():
    while not jobs.empty():
        jobs.get_nowait()
