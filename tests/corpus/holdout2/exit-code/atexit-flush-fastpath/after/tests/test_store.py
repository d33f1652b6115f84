from ledgerly.store import Ledger


def test_balance(tmp_path):
    led = Ledger(tmp_path / "l.json")
    led.add("cash", 10)
    led.add("cash", -3)
    assert led.balance("cash") == 7


def test_save_roundtrip(tmp_path):
    led = Ledger(tmp_path / "l.json")
    led.add("bank", 2.5)
    led.save()
    assert Ledger.load(tmp_path / "l.json").balance("bank") == 2.5
