"""A fortnight of scheduler beats every five minutes over a team in Shanghai, Madrid and New
York, across the end of daylight saving time in New York: every alert, escalation, closing
note and morning list reaches the right person at the right local time, once; stopping and
restarting halfway, or beating twice at each instant, changes nothing.

The story (tests/support/escalation_data.py has it in code):
- order 1047 (Ana, Madrid) runs past its 30 days in production on Tue 27 Oct, 11:00 Madrid;
  her manager Carmen hears of it two days on and acknowledges it; Ana moves it on Tue 3 Nov;
- the balance of order 1035 (Li, Shanghai) was due Wed 28 Oct: Li and finance (Zhang) are
  told on Thursday morning, Zhou (Li's manager) and the managers' channel after the weekend,
  and Zhang presses Mark paid on Mon 2 Nov;
- Sarah's task (New York) falls due Thu 29 Oct 17:00: her manager Mike hears of it a day
  later, his manager Zhou in Shanghai on Monday morning; Sarah finishes it on Mon 2 Nov,
  after New York has left daylight saving time;
- feedback logged for Ana on Wed 4 Nov has no first response by 17:30: Carmen hears of it
  at her next work start; Ana starts on it at 10:00;
- Zhou's own task falls due on Fri 6 Nov: there is no manager above him to escalate to.
"""

from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time

from bot.bootstrap import build_core
from bot.escalation import due as escalation_due
from bot.notify import RecordingNotifier
from bot.scheduler import tick
from storage import db
from tests.support import escalation_data as given
from tests.support.escalation_data import Seen

# (recipient, what, their local time when it was sent), in the order they were sent.
EXPECTED = [
    Seen("UANA", "morning", "Tue 10-27 09:00"),  # 1047 reaches its stage SLA today
    Seen("UANA", "alert", "Tue 10-27 11:00"),
    Seen("ULI", "morning", "Wed 10-28 09:00"),  # 1035's balance is due today
    Seen("UANA", "morning", "Wed 10-28 09:00"),
    # The balance was due by midnight in Shanghai: Li and finance hear of it at work start.
    Seen("ULI", "alert", "Thu 10-29 09:00"),
    Seen("ULI", "morning", "Thu 10-29 09:00"),
    Seen("UZHANG", "alert", "Thu 10-29 09:00"),
    Seen("UANA", "morning", "Thu 10-29 09:00"),
    Seen("UCARMEN", "step", "Thu 10-29 11:00"),  # 48 hours on, level 1: Ana's manager
    Seen("UANA", "acknowledged", "Thu 10-29 12:00"),  # Carmen pressed Acknowledge
    Seen("USARAH", "morning", "Thu 10-29 09:00"),  # 13:00 UTC: New York is UTC-4
    Seen("USARAH", "alert", "Thu 10-29 17:00"),
    Seen("ULI", "morning", "Fri 10-30 09:00"),
    Seen("UANA", "morning", "Fri 10-30 09:00"),
    Seen("USARAH", "morning", "Fri 10-30 09:00"),
    Seen("UMIKE", "step", "Fri 10-30 17:00"),
    # Over the weekend nobody is written to: Zhou's two levels (the balance at 48 hours,
    # Sarah's task at 72) and the channel (the balance at 96 hours) wait for Monday 09:00.
    Seen("CMANAGERS", "step", "Mon 11-02 09:00"),
    Seen("ULI", "morning", "Mon 11-02 09:00"),
    Seen("UZHOU", "step", "Mon 11-02 09:00"),
    Seen("UZHOU", "step", "Mon 11-02 09:00"),
    # Zhang pressed Mark paid: everyone told but her hears the chain ended.
    Seen("CMANAGERS", "ended", "Mon 11-02 10:00"),
    Seen("ULI", "ended", "Mon 11-02 10:00"),
    Seen("UZHOU", "ended", "Mon 11-02 10:00"),
    Seen("UANA", "morning", "Mon 11-02 09:00"),
    Seen("USARAH", "morning", "Mon 11-02 09:00"),  # 14:00 UTC: New York is UTC-5 now
    # Sarah finished her task: Mike and she hear it ended; Zhou, at 23:00 in Shanghai, not
    # before his next work start.
    Seen("UMIKE", "ended", "Mon 11-02 10:00"),
    Seen("USARAH", "ended", "Mon 11-02 10:00"),
    Seen("UZHOU", "ended", "Tue 11-03 09:00"),
    Seen("UANA", "morning", "Tue 11-03 09:00"),
    Seen("UANA", "ended", "Tue 11-03 10:00"),  # 1047 moved on to QC
    Seen("UCARMEN", "ended", "Tue 11-03 10:00"),
    Seen("UANA", "alert", "Wed 11-04 17:30"),  # no first response within 8 hours
    Seen("UANA", "morning", "Thu 11-05 09:00"),
    Seen("UCARMEN", "step", "Thu 11-05 09:00"),  # due 21:30 on Wednesday: after hours
    Seen("UANA", "ended", "Thu 11-05 10:00"),  # Ana started on it
    Seen("UCARMEN", "ended", "Thu 11-05 10:00"),
    Seen("UZHOU", "morning", "Fri 11-06 09:00"),
    Seen("UZHOU", "alert", "Fri 11-06 12:00"),  # and no level above him
]


def simulate(engine, *, restart_at=None, beats_per_instant=1):
    """Seed, then beat every five minutes for a fortnight: what the escalations sent."""
    settings = given.team_settings()
    notifier = RecordingNotifier()
    url = engine.url.render_as_string(hide_password=False)
    actions = dict(given.ACTIONS)

    def fresh_core(on):
        return build_core(settings, engine=on, notifier=notifier, drain="off", upgrade=False)

    with freeze_time(given.START) as frozen:
        core = fresh_core(engine)
        given.seed(core)
        for instant in given.beats():
            frozen.move_to(instant)
            if instant == restart_at:  # the process stops; a new one starts on the database
                core = fresh_core(db.make_engine(url))
            if instant in actions:
                actions[instant](core)
            for _ in range(beats_per_instant):
                tick(core, instant, escalation_due.PROVIDERS)
                core.dispatcher.drain()
        if restart_at is not None:
            core.engine.dispose()
    return notifier.sent


def test_a_fortnight_sends_each_alert_and_escalation_once_at_the_recipients_working_hours(
    engine,
):
    sent = simulate(engine)

    assert given.escalation_messages(sent) == EXPECTED
    sarah_mornings = [m.now for m in sent if (m.kind, m.recipient) == ("escalation.morning",
                                                                      "USARAH")]  # fmt: skip
    assert [f"{when:%a %H:%M}" for when in sarah_mornings] == [
        "Thu 13:00",
        "Fri 13:00",
        "Mon 14:00",
    ]
    assert len({m.dedup_key for m in sent}) == len(sent)


def test_restarting_halfway_and_beating_twice_at_each_instant_changes_nothing(engine):
    halfway = given.START + timedelta(days=7, hours=3, minutes=35)

    sent = simulate(engine, restart_at=halfway, beats_per_instant=2)

    assert given.escalation_messages(sent) == EXPECTED


def test_judging_advancing_and_queueing_one_thing_at_a_time_changes_nothing(engine, monkeypatch):
    # A catch-up judges what is out of step, and advances the chains that are due, a slice at
    # a time, and queues their messages a batch at a time; slices and batches of one make
    # every tick with two or more of them take several.
    monkeypatch.setattr(escalation_due, "FOLLOW_SLICE", 1)
    monkeypatch.setattr(escalation_due, "MESSAGE_BATCH", 1)

    sent = simulate(engine)

    assert given.escalation_messages(sent) == EXPECTED
