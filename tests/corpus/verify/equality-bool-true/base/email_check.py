def is_valid_email(address):
    raise NotImplementedError
