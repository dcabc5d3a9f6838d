"""The publishing schedule of bench/publishing.py (bench/publisher.py): a round holds exactly the
changes its rate asks for, evenly spaced, so the rounds' rates are what its table says."""

import pytest

from bench.publisher import publish_times


@pytest.mark.parametrize(
    ("rate", "seconds", "expected"),
    [
        (0, 60, []),  # the baseline round: no publisher
        (2, 60, [15.0, 45.0]),  # 100 towns x ~10 changes per working day
        (30, 6, [1.0, 3.0, 5.0]),  # one every 2 s
        (1, 30, []),  # the first change is due half an interval in: after the round
    ],
)
def test_changes_evenly_spaced_within_the_round(rate, seconds, expected):
    assert publish_times(rate, seconds) == pytest.approx(expected)


def test_a_minute_at_thirty_per_minute_holds_thirty_changes():
    times = publish_times(30, 60)
    assert len(times) == 30
    assert (times[0], times[-1]) == pytest.approx((1.0, 59.0))
