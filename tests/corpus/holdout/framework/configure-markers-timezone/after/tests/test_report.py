from tzreport import summarize


def test_summary(sample_events):
    assert summarize(sample_events) == "2024-03-31: deploy, rollback"
