import time


def follow(fh):
    while True:
        line = fh.readline()
        if not line:
            time.sleep(0.1)
            continue
        yield line
