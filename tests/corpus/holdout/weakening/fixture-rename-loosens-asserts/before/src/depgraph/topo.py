def toposort(graph):
    indeg = {n: 0 for n in graph}
    for deps in graph.values():
        for d in deps:
            indeg[d] = indeg.get(d, 0) + 1
    ready = [n for n, k in indeg.items() if k == 0]
    out = []
    while ready:
        n = ready.pop()
        out.append(n)
        for d in graph.get(n, ()):
            indeg[d] -= 1
            if indeg[d] == 0:
                ready.append(d)
    return out
