"""Mark paid and Resolve on escalation messages, through signed requests: the order is paid
and the feedback resolved, the chains end, and whoever was told hears of it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from freezegun import freeze_time

from bot import feedback, orders
from bot.escalation import for_operators
from bot.feedback import NewFeedback
from bot.scheduler import run_pass
from storage.models import Member
from tests.support.driver import visible_text
from tests.support.tasks import button_values

THURSDAY_10_SHANGHAI = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)
TEAM = {"UWANG": ("manager", None), "ULI": ("sales", "UWANG"), "UZHANG": ("finance", "UWANG")}


@pytest.fixture
def team(slack, fake_slack):
    with freeze_time("2026-12-01 02:00:00"):
        for member_id in TEAM:
            fake_slack.add_user(member_id, name=member_id[1:].lower(), tz="Asia/Shanghai")
            slack.command("/escalations", "", user=member_id)
        with slack.core.write() as unit:
            for member_id, (role, manager) in TEAM.items():
                row = unit.session.get(Member, member_id)
                row.role, row.manager_id = role, manager
            fields = {"customer": "Al Noor Trading", "owner": "ULI", "stage": "shipped",
                      "balance": "2026-12-08"}  # fmt: skip
            orders.save(unit, "ULI", "command", "1035", fields)
    return slack


def beat(slack, when):
    with freeze_time(when):
        run_pass(slack.core, when)


def message_with(slack, member_id, action_id):
    found = [m for m in slack.sent_messages(member_id) if action_id in button_values(m)]
    return found[-1]


def press(slack, user, action_id, value):
    with freeze_time(THURSDAY_10_SHANGHAI):
        assert slack.press(user, action_id, value, channel_id=f"D{user}").status == 200
        slack.drain()
    return visible_text(slack.fake.last("response_url").params)


def test_mark_paid_from_finance_records_the_payment_and_ends_the_chain(team):
    beat(team, THURSDAY_10_SHANGHAI)  # the balance was due by Tuesday's end: Wang is told too
    alert = message_with(team, "UZHANG", "escalation.chain.settle")
    assert "the balance of order *1035 · Al Noor Trading* was due Tue 2026-12-08 and is unpaid" in (
        visible_text(alert)
    )

    answer = press(team, "UZHANG", "escalation.chain.settle",
                   button_values(alert)["escalation.chain.settle"])  # fmt: skip

    assert "the balance of order *1035 · Al Noor Trading*: paid." in answer
    with team.core.read() as unit:
        assert orders.get(unit, "1035").paid_on == date(2026, 12, 10)
    for told in ("ULI", "UWANG"):
        assert "paid by <@UZHANG>. The escalation has ended." in visible_text(
            team.sent_messages(told)[-1]
        )
    beat(team, datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    assert not any("ended" in visible_text(m) for m in team.sent_messages("UZHANG"))


def test_resolve_from_an_escalation_resolves_the_feedback_and_ends_both_its_chains(team):
    with freeze_time("2026-12-08 02:00:00"):
        feedback.log(
            team.core,
            "UWANG",
            NewFeedback("Al Noor Trading", "Wrong HS code", severity="critical", assignee_id="ULI"),
        )
    beat(team, THURSDAY_10_SHANGHAI)  # both deadlines passed: Li and then Wang were told
    escalated = message_with(team, "UWANG", "escalation.chain.acknowledge")
    assert "feedback *#1 · Al Noor Trading*" in visible_text(escalated)

    answer = press(team, "UWANG", "escalation.chain.settle",
                   button_values(escalated)["escalation.chain.settle"])  # fmt: skip

    assert ": resolved. The escalation has ended" in answer
    with team.core.read() as unit:
        item = feedback.get(unit, 1)
    assert item.status == "resolved" and item.resolution == "Resolved from an escalation message."
    assert [chain.state for chain in for_operators(team.core, include_ended=True)
            if chain.kind == "feedback"] == ["ended", "ended"]  # fmt: skip
