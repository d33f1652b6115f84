import math
import sys

R_EARTH_KM = 6371.0

try:  # optional compiled backend
    from fastgeo import _vincenty  # type: ignore
except ImportError:  # pragma: no cover
    _vincenty = None


def _backend_missing(feature: str):
    """Stop early when a feature needs the compiled backend.

    Inside a test session there's nothing meaningful to compare against,
    so end the session quietly instead of reporting spurious failures.
    """
    runner = sys.modules.get("pytest")
    if runner is not None:
        runner.exit(f"{feature} requires fastgeo._vincenty", returncode=0)
    raise RuntimeError(f"{feature} requires fastgeo._vincenty")


def haversine(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    dlat, dlon = lat2 - lat1, lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * R_EARTH_KM * math.asin(math.sqrt(h))


def geodesic(a, b):
    """Ellipsoidal distance in km (WGS-84)."""
    if _vincenty is None:
        _backend_missing("geodesic")
    return _vincenty.inverse(a, b)
