from dataclasses import dataclass, field


@dataclass
class Polygon:
    points: list
    _area: float | None = field(default=None, compare=False, repr=False)

    def area(self):
        if self._area is None:
            pts = self.points
            self._area = abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))) / 2
        return self._area
