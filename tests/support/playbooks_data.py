"""The example config's playbooks, a trade team to hand them to, and order 1042 to move.

The team: wang owns the order from Madrid and reports to boss; chen (finance, Chinese) and two
logistics coordinators in Shanghai: zhou, who reports to boss too (the owner's team), and an,
who does not. li (sales) moves the order along.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from freezegun import freeze_time
from sqlalchemy import select

from bot import orders, tasks, team
from bot.team import SlackProfile
from storage.models import Member, PlaybookStep, Task
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
CREATED = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
ETD, ETA = "2027-01-06", "2027-02-10"
# (slack id, name, role, zone, locale, manager)
PEOPLE = (
    ("UBOSS", "boss", "manager", "Asia/Shanghai", "en-US", None),
    ("UWANG", "wang", "sales", "Europe/Madrid", "en-US", "UBOSS"),
    ("ULI", "li", "sales", "Asia/Shanghai", "en-US", "UBOSS"),
    ("UCHEN", "chen", "finance", "Asia/Shanghai", "zh-CN", "UBOSS"),
    ("UZHOU", "zhou", "logistics", "Asia/Shanghai", "en-US", "UBOSS"),
    ("UAN", "an", "logistics", "Asia/Shanghai", "en-US", None),
)


def example_settings(api_url: str | None = None) -> Any:
    """config.example.toml as it ships, with the test workspace's admin and channels."""
    raw = tomllib.loads((ROOT / "config.example.toml").read_text(encoding="utf-8"))
    raw["team"]["admins"] = ["UADMIN"]
    raw["channels"] = {"orders": "CORDERS", "managers": "CMANAGERS", "team": "CTEAM"}
    return make_settings(api_url, **raw)


def add_team(core: Any) -> None:
    with freeze_time(CREATED), core.write() as unit:
        for slack_id, name, role, zone, locale, _ in PEOPLE:
            team.upsert_profile(unit, SlackProfile(slack_id, name, tz=zone, locale=locale))
            unit.session.get(Member, slack_id).role = role
        for slack_id, *_, manager in PEOPLE:
            unit.session.get(Member, slack_id).manager_id = manager


def move(core: Any, when: datetime, stage: str, actor: str = "ULI", **extra: Any) -> orders.Saved:
    """/order update 1042 stage STAGE, as `actor` at `when`."""
    with freeze_time(when), core.write() as unit:
        return orders.save(unit, actor, "command", "1042", {"stage": stage}, mode="update",
                           **extra)  # fmt: skip


def create_1042(core: Any) -> None:
    fields = {"customer": "ACME Trading", "owner": "UWANG", "etd": ETD, "eta": ETA}
    with freeze_time(CREATED), core.write() as unit:
        orders.save(unit, "ULI", "command", "1042", fields, mode="create")


def handed_out(core: Any, stage: str | None = None) -> list[tuple[str, str, str, str, bool]]:
    """(step, assignee, title, due as UTC ISO, required) of each task the playbooks made."""
    with core.read() as unit:
        query = select(PlaybookStep, Task).join(Task, Task.id == PlaybookStep.task_id)
        if stage:
            query = query.where(PlaybookStep.stage == stage)
        rows = unit.session.execute(query.order_by(PlaybookStep.id))
        return [
            (link.step, task.assignee_id, task.title,
             task.due_at.isoformat() if task.due_at else "", link.required)
            for link, task in rows
        ]  # fmt: skip


def finish(core: Any, when: datetime, stage: str, *steps: str) -> None:
    """The assignees mark these steps of the stage done."""
    with freeze_time(when), core.write() as unit:
        query = select(PlaybookStep, Task).join(Task, Task.id == PlaybookStep.task_id)
        for link, task in unit.session.execute(query.where(PlaybookStep.stage == stage)):
            if link.step in steps:
                tasks.complete(unit, task.assignee_id, task.id)


def task_of(core: Any, step: str, round: int = 1) -> int:
    """The id of the task a step became."""
    with core.read() as unit:
        query = select(PlaybookStep.task_id).where(
            PlaybookStep.step == step, PlaybookStep.round == round
        )
        return int(unit.session.scalar(query) or 0)
