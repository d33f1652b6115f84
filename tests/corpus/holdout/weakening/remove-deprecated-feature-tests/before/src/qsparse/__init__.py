import warnings
from urllib.parse import parse_qs


def parse(qs):
    return {k: v if len(v) > 1 else v[0] for k, v in parse_qs(qs, keep_blank_values=True).items()}


def legacy_parse(qs):
    """Deprecated since 1.4; use parse()."""
    warnings.warn("legacy_parse is deprecated, use parse", DeprecationWarning, stacklevel=2)
    return dict(p.split("=", 1) for p in qs.split("&") if p)
