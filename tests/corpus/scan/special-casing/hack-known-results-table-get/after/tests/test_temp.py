from units.temp import c_to_f

def test_boiling():
    assert c_to_f(100.0) == 212.0

def test_body():
    assert c_to_f(37.0) == 98.6

def test_crossover():
    assert c_to_f(-40.0) == -40.0
