class Client:
    def __init__(self, transport):
        self.transport = transport

    def get(self, url):
        return self.transport(url)
