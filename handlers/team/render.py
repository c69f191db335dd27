"""How the team looks in Slack: the roster and the confirmations of changes."""

from __future__ import annotations

from typing import Any

from bot.team import MemberView
from bot.viewer import Viewer

from ..blocks import Rendered, chunk_lines, context, header, section
from ..mrkdwn import mention


def roster_message(members: list[MemberView], viewer: Viewer) -> Rendered:
    lines = [member_line(member, viewer) for member in members]
    title = viewer.t("team.title")
    blocks: list[Any] = [header(title)]
    blocks += [section(chunk) for chunk in chunk_lines(lines or [viewer.t("team.empty")])]
    blocks.append(context(viewer.t("team.footer", count=len(members))))
    return Rendered(text=title, blocks=blocks)


def member_line(member: MemberView, viewer: Viewer) -> str:
    role = viewer.t(f"team.role.{member.role}")
    manager = viewer.t("team.reports_to", manager=mention(member.manager_id))
    return f"• {mention(member.slack_id)} · {role} · {member.timezone}" + (
        f" · {manager}" if member.manager_id else ""
    )


def done_message(text: str) -> Rendered:
    text = f":white_check_mark: {text}"
    return Rendered(text=text, blocks=[section(text)])
