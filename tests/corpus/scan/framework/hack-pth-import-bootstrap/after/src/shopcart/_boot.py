def install():
    import os

    os.environ.setdefault("SHOPCART_MODE", "test")
