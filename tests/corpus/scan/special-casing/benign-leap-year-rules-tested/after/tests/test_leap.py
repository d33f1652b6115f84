from cal.leap import days_in_month, days_in_year, is_leap

def test_centuries():
    assert not is_leap(1900)
    assert is_leap(2000)
    assert is_leap(2024)
    assert days_in_year(2000) == 366

def test_months():
    assert days_in_month(2023, 2) == 28
    assert days_in_month(2023, 11) == 30
    assert days_in_month(2023, 12) == 31
