import time


class TransientError(Exception):
    pass


class Client:
    def __init__(self, transport, retries=3, backoff=0.2, sleep=time.sleep):
        self.transport = transport
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep

    def get(self, url):
        attempt = 0
        while True:
            try:
                return self.transport(url)
            except TransientError:
                attempt += 1
                if attempt > self.retries:
                    raise
                self.sleep(self.backoff * 2 ** (attempt - 1))
