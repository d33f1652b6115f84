from jobs.queue import status


def test_default():
    assert status({}) == 'pending'



def test_eventually_done(worker):
    for _ in range(20):
        try:
            assert status(worker.job) == "done"
            break
        except AssertionError:
            worker.tick()
    else:
        raise AssertionError("job never finished")
