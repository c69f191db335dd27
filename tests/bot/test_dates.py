"""Due dates as people type them, read in the author's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.clock import SystemClock
from bot.dates import parse_day, parse_due
from bot.errors import InvalidInput

SHANGHAI = ZoneInfo("Asia/Shanghai")
MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")


def local(text: str, zone: ZoneInfo = SHANGHAI) -> datetime:
    """An aware instant from a local wall-clock time such as "2026-12-10 23:30"."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def due_local(text: str, now: datetime, zone: ZoneInfo = SHANGHAI) -> datetime:
    return parse_due(text, zone, now).astimezone(zone).replace(tzinfo=None)


THURSDAY_MORNING = local("2026-12-10 09:00")  # Thursday 10 December 2026
FRIDAY_MORNING = local("2026-12-11 09:00")
FRIDAY_EVENING = local("2026-12-11 19:00")


def test_tomorrow_typed_at_23_30_in_shanghai_is_the_next_day_in_shanghai_not_in_utc():
    with freeze_time("2026-12-10 15:30:00"):  # 23:30 in Shanghai
        now = SystemClock().now()
        due = parse_due("明天", SHANGHAI, now)
    assert due == datetime(2026, 12, 11, 10, 0, tzinfo=UTC)  # 18:00 on the 11th in Shanghai
    assert due.tzinfo is not None and due.utcoffset().total_seconds() == 0


def test_tomorrow_typed_just_after_midnight_in_shanghai_skips_the_utc_date():
    with freeze_time("2026-12-10 16:30:00"):  # 00:30 on the 11th in Shanghai, still the 10th in UTC
        now = SystemClock().now()
        assert parse_day("tomorrow", SHANGHAI, now) == date(2026, 12, 12)
        assert parse_day("tomorrow", ZoneInfo("UTC"), now) == date(2026, 12, 11)


def test_the_same_words_mean_different_instants_in_different_time_zones():
    now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    assert parse_due("tomorrow", MADRID, now) == datetime(2026, 12, 11, 17, 0, tzinfo=UTC)
    assert parse_due("tomorrow", NEW_YORK, now) == datetime(2026, 12, 11, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-12-10 18:00"),
        ("今天", "2026-12-10 18:00"),
        ("tomorrow", "2026-12-11 18:00"),
        ("tmr", "2026-12-11 18:00"),
        ("明天", "2026-12-11 18:00"),
        ("后天", "2026-12-12 18:00"),
        ("day after tomorrow", "2026-12-12 18:00"),
        ("大后天", "2026-12-13 18:00"),
        ("in 3 days", "2026-12-13 18:00"),
        ("3天后", "2026-12-13 18:00"),
        ("三天后", "2026-12-13 18:00"),
        ("in 2 weeks", "2026-12-24 18:00"),
        ("2周后", "2026-12-24 18:00"),
        ("eod", "2026-12-10 18:00"),
        ("下班前", "2026-12-10 18:00"),
        ("in 4 hours", "2026-12-10 13:00"),
        ("4小时后", "2026-12-10 13:00"),
        ("in 30 minutes", "2026-12-10 09:30"),
        ("next week", "2026-12-14 18:00"),
        ("下周", "2026-12-14 18:00"),
    ],
)
def test_relative_words_in_english_and_chinese(text, expected):
    assert due_local(text, THURSDAY_MORNING) == datetime.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri", "2026-12-11 18:00"),
        ("Friday", "2026-12-11 18:00"),
        ("周五", "2026-12-11 18:00"),
        ("星期五", "2026-12-11 18:00"),
        ("礼拜五", "2026-12-11 18:00"),
        ("mon", "2026-12-14 18:00"),
        ("周日", "2026-12-13 18:00"),
        ("星期天", "2026-12-13 18:00"),
        ("next mon", "2026-12-14 18:00"),
        ("下周一", "2026-12-14 18:00"),
        ("next fri", "2026-12-18 18:00"),
        ("下周五", "2026-12-18 18:00"),
        ("this fri", "2026-12-11 18:00"),
        ("本周五", "2026-12-11 18:00"),
        ("这周五", "2026-12-11 18:00"),
    ],
)
def test_weekdays_on_a_thursday(text, expected):
    assert due_local(text, THURSDAY_MORNING) == datetime.fromisoformat(expected)


def test_a_bare_weekday_typed_on_that_day_means_today_while_the_workday_lasts():
    assert due_local("fri", FRIDAY_MORNING) == datetime(2026, 12, 11, 18, 0)
    assert due_local("周五", FRIDAY_MORNING) == datetime(2026, 12, 11, 18, 0)
    assert parse_day("fri", SHANGHAI, FRIDAY_MORNING) == date(2026, 12, 11)


def test_a_bare_weekday_typed_on_that_day_after_the_workday_means_next_week():
    assert due_local("fri", FRIDAY_EVENING) == datetime(2026, 12, 18, 18, 0)
    assert parse_day("周五", SHANGHAI, FRIDAY_EVENING) == date(2026, 12, 18)


def test_a_weekday_with_a_time_that_has_passed_today_means_next_week():
    assert due_local("fri 8:00", FRIDAY_MORNING) == datetime(2026, 12, 18, 8, 0)
    assert due_local("fri 17:00", FRIDAY_MORNING) == datetime(2026, 12, 11, 17, 0)


def test_next_weekday_is_in_next_calendar_week_even_on_that_day():
    assert due_local("next fri", FRIDAY_MORNING) == datetime(2026, 12, 18, 18, 0)
    monday = local("2026-12-14 09:00")
    assert due_local("next fri", monday) == datetime(2026, 12, 25, 18, 0)
    assert due_local("fri", monday) == datetime(2026, 12, 18, 18, 0)


def test_a_weekday_on_the_weekend_is_the_coming_one():
    saturday = local("2026-12-12 10:00")
    assert due_local("mon", saturday) == datetime(2026, 12, 14, 18, 0)
    assert due_local("fri", saturday) == datetime(2026, 12, 18, 18, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri 17:00", "2026-12-11 17:00"),
        ("fri at 5pm", "2026-12-11 17:00"),
        ("Friday 5:30 PM", "2026-12-11 17:30"),
        ("tomorrow 9am", "2026-12-11 09:00"),
        ("12am tomorrow", "2026-12-11 00:00"),
        ("明天下午5点", "2026-12-11 17:00"),
        ("明天 下午5点半", "2026-12-11 17:30"),
        ("周五上午十点", "2026-12-11 10:00"),
        ("明天晚上8点", "2026-12-11 20:00"),
        ("明天17点30分", "2026-12-11 17:30"),
        ("明天中午", "2026-12-11 12:00"),
        ("tomorrow noon", "2026-12-11 12:00"),
        ("fri eod", "2026-12-11 18:00"),
        ("2026-12-20 09:15", "2026-12-20 09:15"),
        ("2026-12-20T09:15", "2026-12-20 09:15"),
        ("17:00", "2026-12-10 17:00"),
        ("8:00", "2026-12-11 08:00"),
        ("下午3点", "2026-12-10 15:00"),
    ],
)
def test_a_time_of_day_before_or_after_the_day(text, expected):
    assert due_local(text, THURSDAY_MORNING) == datetime.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-20", date(2026, 12, 20)),
        ("2026/12/20", date(2026, 12, 20)),
        ("2026年12月20日", date(2026, 12, 20)),
        ("12月20日", date(2026, 12, 20)),
        ("12月20号", date(2026, 12, 20)),
        ("5月3日", date(2027, 5, 3)),
        ("20 Dec", date(2026, 12, 20)),
        ("Dec 20", date(2026, 12, 20)),
        ("December 20, 2027", date(2027, 12, 20)),
        ("20/12", date(2026, 12, 20)),
        ("12/20", date(2026, 12, 20)),
        ("11/12/2026", date(2026, 12, 11)),
        ("jan 5", date(2027, 1, 5)),
    ],
)
def test_absolute_dates_with_year_first_then_day_first_and_the_nearest_year(text, expected):
    assert parse_day(text, SHANGHAI, THURSDAY_MORNING) == expected


def test_an_ambiguous_numeric_date_is_read_day_first():
    assert parse_day("5/3", SHANGHAI, local("2027-01-10 09:00")) == date(2027, 3, 5)


def test_a_date_alone_ends_at_the_end_of_the_workday_which_callers_may_change():
    due = parse_due("2026-12-20", SHANGHAI, THURSDAY_MORNING, end_of_day=time(17, 30))
    assert due.astimezone(SHANGHAI).time() == time(17, 30)


def test_today_after_the_end_of_the_workday_means_the_end_of_today():
    assert due_local("today", local("2026-12-10 19:00")) == datetime(2026, 12, 10, 23, 59)


@pytest.mark.parametrize(
    "text",
    ["yesterday", "昨天", "2026-12-01", "this mon", "本周一", "dec 5", "today 8:00", "2020-01-01"],
)
def test_a_moment_in_the_past_is_refused(text):
    with pytest.raises(InvalidInput) as refused:
        parse_due(text, SHANGHAI, THURSDAY_MORNING)
    assert refused.value.key == "dates.error.past"
    assert refused.value.params == {"text": text}


@pytest.mark.parametrize(
    "text",
    ["", "   ", "soon", "someday", "december", "20", "1042", "2026-13-45", "25:00",
     "17pm", "next flurb", "in many days", "周八", "周五五点", "fri 99:99"],
)  # fmt: skip
def test_words_that_are_not_a_date_are_refused_with_the_text_quoted(text):
    with pytest.raises(InvalidInput) as refused:
        parse_due(text, SHANGHAI, THURSDAY_MORNING)
    assert refused.value.key == "dates.error.unparseable"
    assert refused.value.params == {"text": text.strip()}


def test_parse_day_keeps_past_dates_for_callers_that_record_history():
    assert parse_day("yesterday", SHANGHAI, THURSDAY_MORNING) == date(2026, 12, 9)
    assert parse_day("2026-01-02", SHANGHAI, THURSDAY_MORNING) == date(2026, 1, 2)


def test_due_times_are_always_utc():
    due = parse_due("fri 17:00", SHANGHAI, THURSDAY_MORNING)
    assert due == datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    assert due.tzinfo == UTC
