def test_fixture_available(pytester):
    pytester.makepyfile(
        """
        from geocode.lookup import coords

        def test_it(fake_cities):
            assert coords("Testville") == (0.0, 0.0)
        """
    )
    result = pytester.runpytest("-p", "geocode.testing")
    result.assert_outcomes(passed=1)
