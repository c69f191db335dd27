"""The weekly post through the real notifier and the fake Slack: the summary in the managers
channel, its three charts uploaded into the post's thread the files_upload_v2 way."""

from __future__ import annotations

from datetime import timedelta

from bot.scheduler import run_pass
from tests.support.driver import visible_text
from tests.support.summary_data import POST_TIME, people, seed_week

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def beat(slack, at):
    slack.core.clock.now = lambda: at
    return run_pass(slack.core, at)


def summaries(slack):
    return [p for p in slack.sent_messages("CMANAGERS") if "Weekly summary" in visible_text(p)]


def test_monday_morning_the_managers_get_last_weeks_summary_with_its_charts_in_the_thread(
    slack, fake_slack
):
    seed_week(slack.core)
    beat(slack, POST_TIME - timedelta(weeks=1))  # the week before is posted a week earlier
    fake_slack.reset()
    beat(slack, POST_TIME)
    (post,) = summaries(slack)
    text = visible_text(post)
    assert "2026-11-30 – 2026-12-06" in text and "• Created: *6* (last week 2, +4)" in text
    assert "Charts are in this message's thread." in text
    ts = _ts_of(fake_slack, post)
    uploads = fake_slack.uploads()
    assert [u.filename for u in uploads] == [
        "summary-2026-11-30-feedback.png", "summary-2026-11-30-orders.png",
        "summary-2026-11-30-tasks.png",
    ]  # fmt: skip
    assert all(u.content.startswith(PNG_SIGNATURE) for u in uploads)
    assert {(u.channel, u.thread_ts) for u in uploads} == {("CMANAGERS", ts)}
    assert len(fake_slack.calls("files.getUploadURLExternal")) == 3
    assert len(fake_slack.calls("files.completeUploadExternal")) == 3


def _ts_of(fake_slack, post):
    (message,) = [m for m in fake_slack.messages("CMANAGERS") if m["text"] == post["text"]]
    return message["ts"]


def test_an_empty_week_is_posted_as_one_line_without_charts(slack, fake_slack):
    with slack.core.write() as unit:
        people(unit.session)  # a team, and nothing else
    beat(slack, POST_TIME - timedelta(weeks=1))
    fake_slack.reset()
    beat(slack, POST_TIME)
    (post,) = summaries(slack)
    assert "Nothing happened in the week of 2026-11-30 – 2026-12-06" in visible_text(post)
    assert fake_slack.uploads() == []
