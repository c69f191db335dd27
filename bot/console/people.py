"""Everyone the bot knows, as Slack would describe them: the console's loopback workspace is
made of these, so users.info and /team sync there answer what the database already says."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from storage.models import Member

from .. import team
from ..core import Core
from ..i18n import normalize_language


@dataclass(frozen=True)
class Person:
    slack_id: str
    handle: str  # the Slack name, as in @li
    name: str  # the real name when there is one
    role: str
    manager_id: str | None
    timezone: str
    language: str
    locale: str  # what Slack says (zh-CN, es-ES); `language` is what the bot speaks
    active: bool
    is_bot: bool


def people(core: Core) -> list[Person]:
    """Every member, active or not, by name (a read). The Slack name and locale are only on
    the member row, which team's views leave out; the rest is the team's own view."""
    with core.read() as unit:
        rows = unit.session.scalars(select(Member).order_by(Member.name))
        return [_person(team.view(unit, row), row) for row in rows]


def _person(member: team.MemberView, row: Member) -> Person:
    default_locale = "zh-CN" if member.language == "zh" else "en-US"
    locale = row.slack_locale or default_locale
    if normalize_language(locale, member.language) != member.language:
        locale = default_locale  # a language set with /team lang wins over Slack's locale
    return Person(
        slack_id=member.slack_id, handle=row.name, name=member.name, role=member.role,
        manager_id=member.manager_id, timezone=member.timezone, language=member.language,
        locale=locale, active=member.active, is_bot=row.is_bot,
    )  # fmt: skip
