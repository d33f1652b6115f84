pytest_plugins = ["pytester"]


def test_mismatch_fails(pytester):
    pytester.makepyfile("""
        def test_a(snapshot):
            snapshot("one")
    """)
    pytester.runpytest().assert_outcomes(passed=1)
    pytester.makepyfile("""
        def test_a(snapshot):
            snapshot("two")
    """)
    pytester.runpytest().assert_outcomes(failed=1)
