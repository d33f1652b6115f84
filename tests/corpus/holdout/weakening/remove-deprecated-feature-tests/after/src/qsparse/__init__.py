from urllib.parse import parse_qs


def parse(qs):
    return {k: v if len(v) > 1 else v[0] for k, v in parse_qs(qs, keep_blank_values=True).items()}
