def shard(items, n, i):
    return items[i::n]
