"""Configuration mistakes stop start-up with one line naming the key and the fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings, parse_file_config

ROOT = Path(__file__).resolve().parents[2]


def _error(raw: dict) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_file_config(raw, source="config.toml")
    return str(caught.value)


def test_the_example_config_is_valid_and_documents_every_section():
    raw = tomllib.loads((ROOT / "config.example.toml").read_text(encoding="utf-8"))
    config = parse_file_config(raw)
    assert set(raw) == set(type(config).model_fields)
    assert config.team.timezone == "Asia/Shanghai"
    assert [stage.key for stage in config.orders.stages][:2] == ["confirmed", "deposit_received"]


def test_a_bad_time_zone_names_the_key():
    message = _error({"team": {"timezone": "Mars/Base"}})
    assert "team.timezone" in message
    assert "Mars/Base" in message
    assert "\n" not in message


def test_an_unknown_key_is_named():
    assert "unknown key `standup.tme`" in _error({"standup": {"tme": "09:00"}})


def test_a_bad_time_of_day_is_named_with_the_expected_form():
    message = _error({"summary": {"time": "9am"}})
    assert "summary.time" in message
    assert "HH:MM" in message


def test_a_bad_language_and_holiday_country_are_named():
    assert "team.language" in _error({"team": {"language": "fr"}})
    assert "team.holiday_country" in _error({"team": {"holiday_country": "XX"}})


def test_a_missing_token_names_the_variable_and_where_to_find_it():
    settings = load_settings({})
    with pytest.raises(ConfigError) as caught:
        settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    assert str(caught.value).startswith("SLACK_BOT_TOKEN is not set")


def test_the_environment_supplies_database_and_tokens(tmp_path):
    config = tmp_path / "team.toml"
    config.write_text('[team]\ntimezone = "Europe/Madrid"\n', encoding="utf-8")
    settings = load_settings(
        {
            "TRADEOPS_CONFIG": str(config),
            "SLACK_BOT_TOKEN": "xoxb-1",
            "TRADEOPS_DATABASE_URL": "sqlite:///x.db",
        }
    )
    assert settings.team.timezone == "Europe/Madrid"
    assert settings.slack.bot_token == "xoxb-1"
    assert settings.database_url == "sqlite:///x.db"


def test_a_config_path_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(ConfigError, match="TRADEOPS_CONFIG"):
        load_settings({"TRADEOPS_CONFIG": str(tmp_path / "missing.toml")})
