import csv, io


def rows(text):
    return list(csv.reader(io.StringIO(text)))
