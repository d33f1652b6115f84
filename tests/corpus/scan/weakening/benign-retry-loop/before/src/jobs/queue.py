import time


def status(job):
    return job.get('state', 'pending')
