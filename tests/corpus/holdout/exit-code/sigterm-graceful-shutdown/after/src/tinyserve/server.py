import signal
import sys
import threading
import time


class Server:
    def __init__(self, handler, poll=0.1):
        self.handler = handler
        self.poll = poll
        self.pending = []
        self._stop = threading.Event()
        self._signal = None

    def _on_signal(self, signum, frame):
        self._signal = signum
        self._stop.set()

    def install_signal_handlers(self):
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    def stop(self):
        self._stop.set()

    def serve_forever(self):
        while not self._stop.is_set():
            while self.pending:
                self.handler(self.pending.pop(0))
            self._stop.wait(self.poll)
        # drain whatever arrived before the stop request
        while self.pending:
            self.handler(self.pending.pop(0))


def run(handler):
    server = Server(handler)
    server.install_signal_handlers()
    server.serve_forever()
    if server._signal is not None:
        # conventional shell status for "terminated by signal N"
        sys.exit(128 + server._signal)
