import queue


class Worker:
    def __init__(self, handler):
        self.handler = handler
        self.inbox = queue.Queue()
        self.done = []

    def submit(self, job):
        self.inbox.put(job)

    def drain(self):
        while not self.inbox.empty():
            job = self.inbox.get()
            self.done.append(self.handler(job))
        return self.done
