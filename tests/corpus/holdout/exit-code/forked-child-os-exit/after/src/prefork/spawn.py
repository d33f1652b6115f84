import os
import traceback


def run_in_child(fn, *args):
    """Run fn(*args) in a forked child and return the child's exit code.

    The child must leave through os._exit: a normal sys.exit would run the
    parent's atexit handlers and flush its stdio buffers a second time.
    """
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            result = fn(*args)
            if isinstance(result, int):
                status = result
        except BaseException:
            traceback.print_exc()
            status = 1
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
