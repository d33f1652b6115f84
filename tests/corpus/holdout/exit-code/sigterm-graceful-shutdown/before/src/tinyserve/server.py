import time


class Server:
    def __init__(self, handler, poll=0.1):
        self.handler = handler
        self.poll = poll
        self.pending = []

    def serve_forever(self):
        while True:
            while self.pending:
                self.handler(self.pending.pop(0))
            time.sleep(self.poll)
