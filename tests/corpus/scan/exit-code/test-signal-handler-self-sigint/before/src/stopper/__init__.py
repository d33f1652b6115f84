import signal

stopping = False


def _handler(signum, frame):
    global stopping
    stopping = True


def install():
    signal.signal(signal.SIGINT, _handler)
