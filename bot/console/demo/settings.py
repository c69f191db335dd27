"""The demo team's configuration: what a config.toml for it would say, and its own SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...config import Settings, SlackEnv, parse_file_config

DIRECTOR = "UZHOU"  # the one admin, named in config as a fresh install needs
FIRST_MEMBER = "ana"  # who types first in the demo: sales in Madrid, in English

TEAM_ZONE = "Asia/Shanghai"  # the factory office's

DEMO_CONFIG: dict[str, Any] = {
    "team": {
        "name": "Bright Harbour Trading",
        "timezone": TEAM_ZONE,
        "language": "en",
        "holiday_country": "CN",
        "admins": [DIRECTOR],
    },
    "channels": {
        "team": "#trade-team",
        "managers": "#trade-managers",
        "orders": "#orders",
        "standup_digest": "#standup",
    },
}


def demo_settings(database: Path) -> Settings:
    return Settings(
        file=parse_file_config(DEMO_CONFIG, source="the demo's config"),
        database_url=f"sqlite:///{database}",
        slack=SlackEnv(bot_token=None, app_token=None, signing_secret=None, api_url=None),
    )
