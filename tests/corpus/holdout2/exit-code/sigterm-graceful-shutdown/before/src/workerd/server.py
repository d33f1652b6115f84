import time


class Worker:
    def __init__(self):
        self.running = True
        self.processed = 0

    def step(self):
        self.processed += 1

    def serve(self):
        while self.running:
            self.step()
            time.sleep(0.01)
