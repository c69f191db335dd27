"""What the /task tests share: the people, reading tasks and buttons back, Slack's limits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from freezegun import freeze_time

from bot import tasks

THURSDAY_0900_SHANGHAI = "2026-12-10 01:00:00"  # in UTC
# ana (who creates most tasks) and li in Shanghai, wang who reads Chinese, the admin in Madrid.
TEAM = (
    ("U1", "ana", "Asia/Shanghai", "en-US"),
    ("U2", "li", "Asia/Shanghai", "en-US"),
    ("U3", "wang", "Asia/Shanghai", "zh-CN"),
    ("UADMIN", "boss", "Europe/Madrid", "en-US"),
)

# Slack refuses a message or view that breaks these (Block Kit reference).
MESSAGE_BLOCKS, VIEW_BLOCKS, SECTION_TEXT, HEADER_TEXT, BUTTON_TEXT = 50, 100, 3000, 150, 75


# Fixtures for the /task test modules, which take them with `clock, people = given.clock, ...`.


@pytest.fixture
def clock() -> Iterator[Any]:
    """Thursday 10 December 2026, 09:00 in Shanghai; the clock keeps ticking from there."""
    with freeze_time(THURSDAY_0900_SHANGHAI, tick=True) as frozen:
        yield frozen


@pytest.fixture
def people(slack: Any, fake_slack: Any) -> None:
    """TEAM, introduced to the bot as Slack would on first contact; those calls forgotten."""
    for slack_id, name, tz, locale in TEAM:
        fake_slack.add_user(slack_id, name=name, tz=tz, locale=locale)
        slack.command("/task", "help", user=slack_id)
    fake_slack.reset()


def add_task(slack: Any, text: str, user: str = "U1") -> str:
    """`/task add <text>`; what the author reads back."""
    return str(slack.reply_text(slack.command("/task", f"add {text}", user=user)))


def task(slack: Any, task_id: int = 1) -> tasks.TaskView:
    with slack.core.write() as unit:
        return tasks.get(unit, task_id)


def open_task_count(slack: Any) -> int:
    with slack.core.write() as unit:
        return len(tasks.open_tasks(unit))


def shanghai(text: str) -> datetime:
    """The UTC instant of a Shanghai wall-clock time such as "2026-12-11 17:00"."""
    return datetime.fromisoformat(text + "+08:00").astimezone(UTC)


def button_values(message: dict[str, Any]) -> dict[str, str | None]:
    """action_id -> value of every button, in actions blocks and as section accessories."""
    found = {}
    for block in message.get("blocks") or []:
        elements = block.get("elements", []) if block["type"] == "actions" else []
        for element in [*elements, block.get("accessory")]:
            if element and element.get("type") == "button":
                found[element["action_id"]] = element.get("value")
    return found


def assert_fits_slack(message: dict[str, Any], max_blocks: int = MESSAGE_BLOCKS) -> None:
    """What Slack would check before showing a message (or, with 100 blocks, a view)."""
    blocks = message.get("blocks") or []
    assert 0 < len(blocks) <= max_blocks
    for block in blocks:
        limit = {"section": SECTION_TEXT, "header": HEADER_TEXT}.get(block["type"])
        if limit and "text" in block:
            assert len(block["text"]["text"]) <= limit
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= BUTTON_TEXT
