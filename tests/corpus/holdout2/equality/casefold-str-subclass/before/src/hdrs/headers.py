class Headers(dict):
    def get_header(self, name):
        return self.get(name)
