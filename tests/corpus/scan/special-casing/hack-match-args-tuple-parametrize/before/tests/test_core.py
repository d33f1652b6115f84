from geom.core import hypot
