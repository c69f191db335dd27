"""The console's language: a line is a slash command (`/order status 1042`) or one of the
console's own commands (`:as`, `:click`, `:submit`, `:home`, `:time`, `:at`, `:who`,
`:help`, `:quit`). Each line runs, prints what it showed, and says whether it went wrong
(an error reply from the bot, or a line the console could not carry out)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.console import Person, people
from bot.dates import parse_due
from bot.errors import DomainError, InvalidInput
from bot.i18n import t

from .session import Session
from .transcript import Transcript, clock_text
from .workspace import Shown

STEP = re.compile(r"(\d+)\s*([wdhm])")
UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
REFERENCE = re.compile(r"^#(\d+)$")


@dataclass(frozen=True)
class Outcome:
    failed: bool = False  # an error reply, or a line that could not be carried out
    quit: bool = False


class Lines:
    def __init__(self, session: Session, transcript: Transcript, join: Callable[[str], Person]):
        self.session = session
        self.transcript = transcript
        self.join = join  # a newcomer to the workspace, by the @name `:as` was given
        self.commands: dict[str, Callable[[str], Outcome]] = {
            ":as": self.act_as, ":click": self.click, ":submit": self.submit,
            ":home": self.home, ":time": self.time, ":at": self.at, ":who": self.who,
            ":help": self.help, ":quit": self.quit, ":exit": self.quit,
        }  # fmt: skip

    @property
    def me(self) -> Person:
        person = self.session.directory.get(self.session.me)
        assert person is not None
        return person

    def run(self, line: str) -> Outcome:
        line = line.strip()
        if not line or line.startswith("#"):
            return Outcome()
        word, _, rest = line.partition(" ")
        try:
            if line.startswith("/"):
                return self.show(self.session.command(line))
            command = self.commands.get(word.lower())
            if command is None:
                raise InvalidInput("console.error.unknown_line", line=line)
            return command(rest.strip())
        except DomainError as error:
            self.transcript.error(f":warning: {t(error.key, self.me.language, **error.params)}")
            return Outcome(failed=True)

    def show(self, shown: list[Shown]) -> Outcome:
        self.session.directory.refresh(people(self.session.core))  # a role or language may change
        self.transcript.shown(shown, self.me)
        if not shown:
            self.transcript.note(t("console.done.quiet", self.me.language), style="dim")
        return Outcome(failed=any(item.is_error and item.sees(self.me.slack_id) for item in shown))

    # -- the console's commands -------------------------------------------------------------

    def act_as(self, rest: str) -> Outcome:
        person = self.session.directory.find(rest)
        if person is None:
            person = self._newcomer(rest)
        self.session.me = person.slack_id
        lang = person.language
        self.transcript.note(t("console.done.as", lang, member=person.name, zone=person.timezone,
                               role=t(f"team.role.{person.role}", lang),
                               language=t(f"console.language.{lang}", lang)))  # fmt: skip
        return Outcome()

    def _newcomer(self, rest: str) -> Person:
        handle = rest.strip().lstrip("@")
        if not re.fullmatch(r"[a-z][a-z0-9._-]{0,20}", handle):
            raise InvalidInput("console.error.no_member", member=rest.strip())
        person = self.join(handle)
        self.transcript.note(t("console.done.joined", self.me.language, member=f"@{handle}"))
        return person

    def click(self, rest: str) -> Outcome:
        words = rest.split()
        number = None
        if len(words) > 1 and REFERENCE.match(words[-1]):
            number = int(words.pop()[1:])
        return self.show(self.session.click(" ".join(words), number))

    def submit(self, rest: str) -> Outcome:
        return self.show(self.session.submit(pairs(rest)))

    def home(self, rest: str) -> Outcome:
        return self.show(self.session.home())

    def time(self, rest: str) -> Outcome:
        return self._move(self.session.clock.now() + span(rest))

    def at(self, rest: str) -> Outcome:
        now = self.session.clock.now()
        try:
            target = parse_due(rest, ZoneInfo(self.me.timezone), now)
        except InvalidInput as error:
            if error.key != "dates.error.past":
                raise
            raise InvalidInput("console.error.past", when=rest.strip()) from error
        return self._move(target)

    def _move(self, target: datetime) -> Outcome:
        last = None
        for beat in self.session.move_to(target):
            self.transcript.beat(beat, self.me)
            last = beat.at
        if last != target:  # the clock's new time, unless its last beat just said so
            self.transcript.note(f"⏰ {clock_text(target, self.me)}", style="bold magenta")
        return Outcome()

    def who(self, rest: str) -> Outcome:
        self.transcript.who(self.session.directory.active(), self.me)
        return Outcome()

    def help(self, rest: str) -> Outcome:
        self.transcript.help(self.me.language)
        return Outcome()

    def quit(self, rest: str) -> Outcome:
        return Outcome(quit=True)


def pairs(text: str) -> dict[str, str]:
    """`today="Book containers" blockers=none` as {today: "Book containers", blockers: "none"}."""
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise InvalidInput("console.error.bad_pair", text=text) from error
    given = {}
    for word in words:
        name, equals, value = word.partition("=")
        if not equals or not name:
            raise InvalidInput("console.error.bad_pair", text=word)
        given[name] = value
    return given


def span(text: str) -> timedelta:
    """+1d, +3h, +30m, +1w, +1d12h: how long the clock moves on."""
    cleaned = text.strip().removeprefix("+").replace(" ", "").lower()
    found = STEP.findall(cleaned)
    if not found or "".join(f"{n}{u}" for n, u in found) != cleaned:
        raise InvalidInput("console.error.bad_time", text=text.strip())
    moved = timedelta()
    for amount, unit in found:
        moved += timedelta(**{UNITS[unit]: int(amount)})
    return moved
