"""The bot behind signed requests with config.example.toml's playbooks, the playbooks_data
team known to Slack, and order 1042 in production (its deposit steps done)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.playbooks_data import (
    PEOPLE,
    add_team,
    create_1042,
    example_settings,
    finish,
    move,
)

DEPOSIT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
PRODUCTION = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)


@pytest.fixture
def settings():
    return example_settings()


@pytest.fixture
def in_production(slack, fake_slack):
    for slack_id, name, _, zone, locale, _ in PEOPLE:
        fake_slack.add_user(slack_id, name=name, locale=locale, tz=zone)
    add_team(slack.core)
    create_1042(slack.core)
    move(slack.core, DEPOSIT, "deposit_received")
    finish(slack.core, PRODUCTION, "deposit_received", "confirm_deposit", "release_production")
    move(slack.core, PRODUCTION, "production")
    fake_slack.reset()
    return slack
