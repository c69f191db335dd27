"""Playbooks in config: what a step may say, and mistakes that stop start-up in one line
naming the entry."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, parse_file_config
from bot.playbooks.parsing import DueRule, parse_due_rule, split_force


def _error(playbooks: list) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_file_config({"orders": {"playbooks": playbooks}}, source="config.toml")
    message = str(caught.value)
    assert "\n" not in message
    return message


def step(**fields):
    return {"title": {"en": "Book the truck", "zh": "安排拖车"}, **fields}


def test_due_rules_count_days_from_the_stage_or_around_etd_and_eta():
    assert parse_due_rule("+2d") == DueRule("stage", 2)
    assert parse_due_rule("etd-5d") == DueRule("etd", -5)
    assert parse_due_rule("ETA + 1d") == DueRule("eta", 1)
    assert parse_due_rule("etd") == DueRule("etd", 0)


@pytest.mark.parametrize("text", ["2 days", "etd-5", "-1d", "eta+d", "tomorrow", ""])
def test_a_due_rule_that_cannot_be_read_is_refused(text):
    with pytest.raises(ValueError):
        parse_due_rule(text)


def test_an_unknown_stage_names_the_entry_and_lists_the_stages():
    message = _error([{"stage": "bokked", "steps": [step()]}])
    assert message.startswith("config.toml: `orders.playbooks`: entry 0 (stage 'bokked')")
    assert "use one of confirmed, deposit_received" in message


def test_an_unknown_role_names_the_entry_and_the_step():
    message = _error([{"stage": "booked", "steps": [step(), step(key="x", role="logstics")]}])
    assert "entry 0 (stage 'booked'), step 1: unknown role 'logstics'" in message
    assert "logistics" in message


def test_an_unreadable_due_names_the_step():
    message = _error([{"stage": "booked", "steps": [step(due="etd-5x")]}])
    assert message.startswith("config.toml: `orders.playbooks.0.steps.0.due`: cannot read")


def test_two_playbooks_for_one_stage_and_two_steps_with_one_key_are_refused():
    twice = [{"stage": "booked", "steps": [step()]}, {"stage": "booked", "steps": [step()]}]
    assert "entry 1 (stage 'booked'): a second playbook" in _error(twice)
    assert "two steps share the key 'book_the_truck'" in _error(
        [{"stage": "booked", "steps": [step(), step(due="+1d")]}]
    )


def test_a_role_step_needs_a_role():
    assert "needs a `role`" in _error([{"stage": "booked", "steps": [step(assign="role")]}])


def test_playbooks_for_renamed_stages_are_checked_against_the_configured_pipeline():
    stages = [{"key": "paid", "en": "Paid", "zh": "已付"}]
    config = parse_file_config({"orders": {"stages": stages, "playbooks": [
        {"stage": "paid", "steps": [step()]}]}})  # fmt: skip
    [playbook] = config.orders.playbooks
    assert (playbook.steps[0].step, playbook.steps[0].by_role) == ("book_the_truck", False)


def test_force_is_the_last_word_of_an_update():
    assert split_force("stage shipped force") == ("stage shipped", True)
    assert split_force("stage shipped 强制") == ("stage shipped", True)
    assert split_force("stage shipped") == ("stage shipped", False)


def test_a_bad_playbook_stops_start_up_with_one_line_naming_it(tmp_path):
    from tests.test_cli import tradeops

    (tmp_path / "config.toml").write_text(
        '[[orders.playbooks]]\nstage = "booked"\n'
        'steps = [{ title = "Book the truck", role = "logistics", due = "etd minus 5" }]\n',
        encoding="utf-8",
    )
    result = tradeops("run", cwd=tmp_path, SLACK_BOT_TOKEN="x", SLACK_APP_TOKEN="y")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "tradeops: config.toml: `orders.playbooks.0.steps.0.due`: "
        "cannot read due 'etd minus 5'; write days after the stage begins ('+2d') "
        "or around the ETD or ETA ('etd-5d', 'eta+1d')"
    ]
