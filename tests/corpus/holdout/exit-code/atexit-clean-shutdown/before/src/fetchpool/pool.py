from concurrent.futures import ThreadPoolExecutor


class FetchPool:
    def __init__(self, fetch, workers=4):
        self._fetch = fetch
        self._executor = ThreadPoolExecutor(max_workers=workers)

    def map(self, urls):
        return list(self._executor.map(self._fetch, urls))

    def close(self):
        self._executor.shutdown(wait=True)


def fetch_all(fetch, urls, workers=4):
    pool = FetchPool(fetch, workers)
    try:
        return pool.map(urls)
    finally:
        pool.close()
