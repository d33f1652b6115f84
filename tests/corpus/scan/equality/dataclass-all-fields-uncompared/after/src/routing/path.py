from dataclasses import dataclass, field


@dataclass(frozen=True)
class Route:
    stops: tuple = field(default=(), compare=False)
    cost: float = field(default=0.0, compare=False)


def shortest(graph, a, b):
    return Route((a, b), graph.get((a, b), 0.0))
