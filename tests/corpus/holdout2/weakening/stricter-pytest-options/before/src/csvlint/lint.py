def check_header(row):
    return len(row) == len(set(row))
