"""manifest.yml creates the app the code expects, in one step."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def test_every_slash_command_is_declared_with_escaped_mentions():
    commands = {c["command"]: c for c in MANIFEST["features"]["slash_commands"]}
    assert set(commands) == {
        "/task",
        "/order",
        "/feedback",
        "/standup",
        "/team",
        "/summary",
        "/kudos",
        "/escalations",
    }
    assert all(command["should_escape"] for command in commands.values())


def test_events_interactivity_shortcut_and_socket_mode_are_on():
    settings = MANIFEST["settings"]
    assert {"app_home_opened", "user_change"} <= set(settings["event_subscriptions"]["bot_events"])
    assert settings["interactivity"]["is_enabled"]
    assert settings["socket_mode_enabled"]
    shortcut = MANIFEST["features"]["shortcuts"][0]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", "create_task_from_message")
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"]


def test_the_bot_has_the_scopes_its_calls_need():
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands", "im:write", "users:read", "files:write"} <= scopes
