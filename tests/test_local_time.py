"""coach.core.clock's local date and hour agree with ``astimezone()`` at every instant, also
across daylight-saving changes (a summer evening stays on its day when read in winter)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.clock import local_date, local_hour

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"]


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31),
                        timezones=st.just(UTC))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the zone is set once
@given(at=instants)
def test_the_local_date_and_hour_are_those_of_astimezone(zone: str, at: datetime) -> None:
    assert local_date(at) == at.astimezone().date()
    assert local_hour(at) == at.astimezone().hour


def test_around_a_change_of_clocks(zone: str) -> None:
    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)  # Europe springs forward at 01:00 UTC
    for minutes in range(0, 6 * 60, 7):
        at = start + timedelta(minutes=minutes)
        assert (local_date(at), local_hour(at)) == (at.astimezone().date(), at.astimezone().hour)


def test_a_zone_given_is_used() -> None:
    at = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    plus_two = timezone(timedelta(hours=2))
    assert (local_date(at, plus_two), local_hour(at, plus_two)) == (datetime(2026, 6, 2).date(), 1)
