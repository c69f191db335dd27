"""The transcript: each thing the bot showed, headed by its number and where it went, in
full for what the current member can see and one line for what went to someone else;
threads indented under their parent; the clock's beats; `:who`, `:help` and the tour."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.config import WEEKDAYS
from bot.console import Person
from bot.i18n import t

from . import render
from .directory import Directory
from .richtext import mrkdwn
from .session import Beat
from .workspace import EDIT, EPHEMERAL, FILE, HOME, MODAL, Shown

SUMMARY_LENGTH = 110
INDENT = 4


class Transcript:
    def __init__(self, console: Console, directory: Directory) -> None:
        self.console = console
        self.directory = directory

    def echo(self, member: Person, line: str) -> None:
        self.console.print(Text(f"{member.handle} ❯ ", style="bold blue") + Text(line))

    def note(self, text: str, style: str = "green") -> None:
        self.console.print(mrkdwn(text, self.directory.name, style=style))

    def error(self, text: str) -> None:
        self.note(text, style="yellow")

    def shown(self, items: list[Shown], member: Person) -> None:
        for item in items:
            self.console.print(self._item(item, member))

    def beat(self, beat: Beat, member: Person) -> None:
        self.console.print(Text(f"⏰ {clock_text(beat.at, member)}", style="bold magenta"))
        self.shown(beat.shown, member)

    # -- one item ---------------------------------------------------------------------------

    def _item(self, item: Shown, member: Person) -> RenderableType:
        lang = member.language
        head = Text(f"#{item.number}  ", style="bold dim") + Text(self._where(item, lang),
                                                                     style="dim")  # fmt: skip
        if not item.sees(member.slack_id) or (item.kind == HOME and not item.requested):
            return self._indented(item, head + Text("  " + self._summary(item), style="dim"))
        if item.kind in (MODAL, HOME) and item.view is not None:
            return self._indented(item, Group(head, render.view(item.view, self.directory.name,
                                                                self._errors(item))))  # fmt: skip
        body = render.message(item.text, item.blocks, self.directory.name)
        return self._indented(item, Group(head, Padding(body, (0, 0, 0, 2))))

    def _indented(self, item: Shown, shown: RenderableType) -> RenderableType:
        """A thread reply sits under its parent, indented."""
        return Padding(shown, (0, 0, 0, INDENT)) if self._in_thread(item) else shown

    def _in_thread(self, item: Shown) -> bool:
        return bool(item.thread_ts)

    def _where(self, item: Shown, lang: str) -> str:
        audience = self.directory.name(item.audience) if item.audience else ""
        if item.kind == MODAL:
            return t("console.where.modal", lang, member=audience)
        if item.kind == HOME:
            return t("console.where.home", lang, member=audience)
        parts = [self._place(item, lang, audience)]
        if item.thread_of is not None:
            parts.insert(0, "↳ " + t("console.where.thread", lang, number=item.thread_of.number))
        elif item.thread_ts:
            parts.insert(0, "↳ " + t("console.where.earlier_thread", lang))
        if item.kind == EDIT:
            parts.append(t("console.where.edited", lang))
        if item.kind == FILE:
            parts.append(t("console.where.file", lang, path=item.path))
        return " · ".join(parts)

    def _place(self, item: Shown, lang: str, audience: str) -> str:
        if item.kind == EPHEMERAL:
            return t("console.where.only", lang, member=audience)
        if item.conversation.startswith("D"):
            return t("console.where.dm", lang, member=self.directory.name(item.conversation[1:]))
        return item.conversation

    def _summary(self, item: Shown) -> str:
        if item.kind == HOME:
            return ""
        text = mrkdwn(item.text or _title(item), self.directory.name).plain
        first = text.strip().splitlines()[0] if text.strip() else ""
        return first if len(first) <= SUMMARY_LENGTH else first[: SUMMARY_LENGTH - 1] + "…"

    def _errors(self, item: Shown) -> Text | None:
        if not item.errors:
            return None
        problems = [f"⚠ {field}: {message}" for field, message in item.errors.items()]
        return Text("  ".join(problems), style="bold yellow")

    # -- the console's own pages ------------------------------------------------------------

    def who(self, people: list[Person], me: Person) -> None:
        lang = me.language
        table = Table(title=t("console.who.title", lang), title_justify="left")
        for key in ("name", "role", "zone", "language", "manager"):
            table.add_column(t(f"console.who.{key}", lang))
        for person in people:
            name = f"{person.name} @{person.handle}"
            if person.slack_id == me.slack_id:
                name += f"  ← {t('console.who.you', lang)}"
            table.add_row(
                name, t(f"team.role.{person.role}", lang), person.timezone,
                t(f"console.language.{person.language}", lang),
                self.directory.name(person.manager_id) if person.manager_id else "—",
            )  # fmt: skip
        self.console.print(table)

    def help(self, lang: str) -> None:
        keys = ("slash", "as", "click", "submit", "home", "time", "at", "who", "help", "quit")
        lines = [mrkdwn(t(f"console.help.{key}", lang), self.directory.name) for key in keys]
        self.console.print(Panel(Group(*lines), title=t("console.help.title", lang),
                                 title_align="left", expand=False))  # fmt: skip

    def tour(self, team_name: str, me: Person, chinese: Person | None, day: str, at: str) -> None:
        """What to type first, in the member's language."""
        lang = me.language
        role = t(f"team.role.{me.role}", lang)
        tried = [
            ("/order status 1042", t("console.tour.order", lang)),
            ("/task list", t("console.tour.tasks", lang)),
            ("/feedback list", t("console.tour.feedback", lang)),
            (":home", t("console.tour.home", lang)),
            (f":at {day} {at}", t("console.tour.standup", lang)),
            (":time +2d", t("console.tour.time", lang)),
        ]
        if chinese is not None:
            tried.insert(5, (f":as @{chinese.handle}",
                             t("console.tour.chinese", lang, member=chinese.name)))  # fmt: skip
        table = Table.grid(padding=(0, 3))
        for typed, meaning in tried:
            table.add_row(Text(typed, style="bold cyan"), mrkdwn(meaning, self.directory.name))
        body = Group(
            Text(t("console.tour.intro", lang, team=team_name)), Text(""),
            Text(t("console.tour.you", lang, member=me.name, role=role, zone=me.timezone)),
            table, Text(""), mrkdwn(t("console.tour.more", lang), self.directory.name),
        )  # fmt: skip
        self.console.print(Panel(body, title=t("console.tour.title", lang), title_align="left"))


def clock_text(instant: datetime, member: Person) -> str:
    local = instant.astimezone(ZoneInfo(member.timezone))
    weekday = t(f"team.weekday.{WEEKDAYS[local.weekday()]}", member.language)
    day = f"{weekday} {local:%Y-%m-%d}"
    return t("console.where.clock", member.language, day=day, time=f"{local:%H:%M}",
             zone=member.timezone)  # fmt: skip


def _title(item: Shown) -> str:
    title = (item.view or {}).get("title") or {}
    return str(title.get("text") or "") if isinstance(title, dict) else ""
