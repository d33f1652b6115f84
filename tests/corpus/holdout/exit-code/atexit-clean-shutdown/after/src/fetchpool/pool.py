from concurrent.futures import ThreadPoolExecutor


class FetchPool:
    def __init__(self, fetch, workers=4):
        self._fetch = fetch
        self._executor = ThreadPoolExecutor(max_workers=workers)

    def map(self, urls):
        # de-duplicate while keeping the caller's order
        seen = {}
        for url in urls:
            seen.setdefault(url, None)
        results = dict(zip(seen, self._executor.map(self._fetch, seen)))
        return [results[u] for u in urls]

    def close(self):
        self._executor.shutdown(wait=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def fetch_all(fetch, urls, workers=4):
    with FetchPool(fetch, workers) as pool:
        return pool.map(urls)
