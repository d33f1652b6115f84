from fetcher.logconf import configure


def test_configure():
    configure()
