def save_notes(path, notes):
    raise NotImplementedError


def load_notes(path):
    raise NotImplementedError
