"""The bot with config.example.toml's playbooks and the trade team of playbooks_data."""

from __future__ import annotations

import pytest

from tests.support.playbooks_data import add_team, example_settings


@pytest.fixture
def settings():
    return example_settings()


@pytest.fixture
def team_core(core):
    add_team(core)
    return core
