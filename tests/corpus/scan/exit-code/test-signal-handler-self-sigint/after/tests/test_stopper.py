import os
import signal
import time

import stopper


def test_sigint_sets_flag():
    stopper.install()
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)
    assert stopper.stopping
    signal.signal(signal.SIGINT, signal.default_int_handler)
