class Domain:
    def convert(self, x):
        raise NotImplementedError
