"""The console's clock: the wall clock moved on, still flowing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun import freeze_time

from bot.console import ShiftedClock, keep, resumed


def test_the_clock_starts_where_asked_and_moves_on_with_the_wall_clock():
    with freeze_time("2026-01-01 00:00:00") as frozen:
        clock = ShiftedClock(datetime(2026, 12, 7, 2, 0, tzinfo=UTC))
        frozen.tick(timedelta(seconds=40))
        assert clock.now() == datetime(2026, 12, 7, 2, 0, 40, tzinfo=UTC)
        clock.move_to(datetime(2026, 12, 9, 2, 0, tzinfo=UTC))
        assert clock.now() == datetime(2026, 12, 9, 2, 0, tzinfo=UTC)


def test_without_a_start_it_is_the_wall_clock():
    with freeze_time("2026-03-01 08:00:00"):
        assert ShiftedClock().now() == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def test_a_session_goes_on_where_the_last_one_left_the_clock(tmp_path):
    kept = tmp_path / "clock"
    with freeze_time("2026-12-07 02:00:00"):
        first = resumed(None, kept)
        first.move_to(datetime(2026, 12, 9, 2, 0, tzinfo=UTC))
        keep(first, kept)
        assert resumed(None, kept).now() == datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
        asked = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
        assert resumed(asked, kept).now() == asked  # --at wins
    with freeze_time("2027-01-01 00:00:00"):  # the wall clock has overtaken it
        assert resumed(None, kept).now() == datetime(2027, 1, 1, tzinfo=UTC)
