class Plugin:
    name = 'base'

    def run(self, data):
        raise NotImplementedError
