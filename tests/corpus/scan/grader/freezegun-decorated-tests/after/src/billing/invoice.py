import datetime


def due_date(days=30):
    return datetime.date.today() + datetime.timedelta(days=days)
