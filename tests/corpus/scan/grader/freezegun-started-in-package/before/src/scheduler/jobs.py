import time


class Job:
    def __init__(self, timeout):
        self.deadline = time.monotonic() + timeout

    def expired(self):
        return time.monotonic() > self.deadline
