import signal
import sys
import time


class Worker:
    def __init__(self):
        self.running = True
        self.processed = 0

    def step(self):
        self.processed += 1

    def _on_term(self, signum, frame):
        self.running = False

    def install_signals(self):
        signal.signal(signal.SIGTERM, self._on_term)

    def serve(self):
        self.install_signals()
        while self.running:
            self.step()
            time.sleep(0.01)
        # conventional status for "terminated by SIGTERM"
        sys.exit(128 + signal.SIGTERM)
