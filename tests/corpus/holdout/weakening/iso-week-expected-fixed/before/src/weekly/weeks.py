from datetime import date


def iso_week(d: date):
    """(ISO year, ISO week number) of d."""
    y, w, _ = d.isocalendar()
    return (y, w)


def week_label(d: date) -> str:
    y, w = iso_week(d)
    return f"{y}-W{w:02d}"
