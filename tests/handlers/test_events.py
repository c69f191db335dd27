"""Slack re-sends events it thinks failed; each is handled once."""

from __future__ import annotations

from bot import team


def _user_change(name: str) -> dict:
    return {
        "type": "user_change",
        "user": {
            "id": "U9",
            "name": name,
            "real_name": name,
            "tz": "Europe/Madrid",
            "locale": "en-US",
        },
    }


def test_an_event_delivered_twice_is_handled_once(slack):
    first = slack.event(_user_change("carmen"), event_id="Ev42")
    again = slack.event(_user_change("somebody-else"), event_id="Ev42", retry_num=1)
    assert first.status == 200
    assert again.status == 200
    with slack.core.write() as unit:
        assert team.get(unit, "U9").name == "carmen"


def test_a_new_event_is_handled(slack):
    slack.event(_user_change("carmen"), event_id="Ev1")
    slack.event(_user_change("carmen g."), event_id="Ev2")
    with slack.core.write() as unit:
        assert team.get(unit, "U9").name == "carmen g."
