class Plugin:
    name = "base"

    def run(self, data):
        raise NotImplementedError

    def validate_output(self, output):
        """Override to reject malformed output; the default accepts everything."""
        return True
