"""Forms in the console: menus, pickers and people filled in by name, on the task form."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from handlers.console.forms import buttons, pick, state_values


def test_the_new_task_form_takes_a_person_a_date_a_time_and_a_choice(console):
    console.type(":home")
    console.type(":click New task")
    assert "title=" in console.text and "assignee=" in console.text
    assert "[normal priority]" in console.text  # what the menu shows chosen
    assert "[high priority | normal priority | low priority]" not in console.text
    outcome = console.type(
        ':submit title="Ship the shade samples" assignee=@li due_date=2026-12-10 '
        "due_time=17:00 priority=high"
    )
    assert not outcome.failed, console.text
    assert "DM to Li Wei" in console.text
    assert "Ship the shade samples" in console.text


MENU = {
    "type": "input", "block_id": "priority", "label": {"type": "plain_text", "text": "Priority"},
    "element": {
        "type": "static_select", "action_id": "priority",
        "options": [
            {"text": {"type": "plain_text", "text": "High"}, "value": "high"},
            {"text": {"type": "plain_text", "text": "Low"}, "value": "low"},
        ],
        "initial_option": {"text": {"type": "plain_text", "text": "Low"}, "value": "low"},
    },
}  # fmt: skip


def test_a_menu_is_chosen_by_its_value_or_its_text_and_keeps_its_first_choice_untouched():
    assert (
        state_values([MENU], {"priority": "High"}, lambda _: None)["priority"]["priority"][
            "selected_option"
        ]["value"]
        == "high"
    )
    untouched = state_values([MENU], {}, lambda _: None)["priority"]["priority"]
    assert untouched["selected_option"]["value"] == "low"
    with pytest.raises(InvalidInput) as refused:
        state_values([MENU], {"priority": "urgent"}, lambda _: None)
    assert refused.value.params["choices"] == "high, low"


def test_buttons_are_read_in_order_and_picked_by_number_label_or_its_start():
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "x"},
         "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Done"},
                       "action_id": "a", "value": "1"}},
        {"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Snooze 1 day"},
             "action_id": "b", "value": "2"},
            {"type": "static_select", "action_id": "c"},
        ]},
    ]  # fmt: skip
    offered = buttons(blocks)
    assert [b.label for b in offered] == ["Done", "Snooze 1 day"]
    assert pick(offered, "2").action_id == "b"
    assert pick(offered, "snooze").action_id == "b"
    assert pick(offered, "done").action_id == "a"
    assert pick(offered, "3") is None and pick(offered, "Later") is None
