"""`tradeops console` and `tradeops demo`: the bot in a terminal, without a Slack workspace.

The same Bolt app as in Slack, behind the same WSGI front, gets requests signed with the
configured signing secret (a random one when none is set); its Web API is the loopback
Slack (`loopback.py`) started here, so every reply, DM, channel post, modal and App Home is
a real Web API call, recorded and shown. The clock is the console's own (`:time`, `:at`),
and moving it runs the scheduler's passes as the beat would.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console

from bot.config import WEEKDAYS, Settings, SlackEnv, parse_hhmm
from bot.console import ConsoleOptions, Person, ShiftedClock, keep, people, resumed

from .directory import Directory
from .lines import Lines
from .loopback import LoopbackSlack
from .session import Session
from .transcript import Transcript
from .workspace import Workspace

CONSOLE_TOKEN = "xoxb-console"  # the loopback takes any token; this one says where it is
NEWCOMER_ID = re.compile(r"[^A-Z0-9]")


def run(settings: Settings, options: ConsoleOptions) -> int:
    """Open the console (a prompt, or the lines of `options.script`); the exit status."""
    with opened(settings, options) as lines:
        if options.tour:
            _tour(lines)
        if options.script is not None:
            return run_script(lines, _script(options.script), options.strict)
        if not sys.stdin.isatty():
            return run_script(lines, sys.stdin.read().splitlines(), options.strict)
        from .prompt import interact

        return interact(lines, options.history)


@contextmanager
def opened(
    settings: Settings, options: ConsoleOptions, console: Console | None = None
) -> Iterator[Lines]:
    """A console session, its loopback Slack running until the block ends."""
    clock = resumed(options.start, options.clock)
    with LoopbackSlack(clock=clock) as loopback:
        side = wire(settings, loopback, clock)
        directory = Directory(people(side.core))
        for person in directory.people.values():
            _introduce(loopback, person)
        console = console or Console(
            width=options.width, highlight=False, markup=False, emoji=False
        )
        join = _joiner(loopback, directory, side.core.settings)
        me = directory.find(options.member or "") or _first(directory) or join("you")
        session = Session(side, loopback, clock, Workspace(options.files), directory, me.slack_id)
        try:
            yield Lines(session, Transcript(console, directory), join)
        finally:
            keep(clock, options.clock)
            side.core.engine.dispose()


def wire(settings: Settings, loopback: LoopbackSlack, clock: ShiftedClock) -> Any:
    """The bot as `tradeops serve` builds it, its Web API on the loopback Slack."""
    from bot.bootstrap import build_core, build_slack, make_slack_client

    secret = settings.slack.signing_secret or secrets.token_hex(16)
    slack = SlackEnv(CONSOLE_TOKEN, None, secret, loopback.api_url)
    local = replace(settings, slack=slack)
    client = make_slack_client(local)
    core = build_core(local, clock=clock, slack_client=client, drain="inline")
    return build_slack(local, core=core, client=client, process_before_response=True)


def run_script(lines: Lines, script: list[str], strict: bool) -> int:
    """Each line echoed and run; with `strict`, the first that fails ends it with 1."""
    for line in script:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        lines.transcript.echo(lines.me, line.strip())
        outcome = lines.run(line)
        if outcome.quit:
            break
        if outcome.failed and strict:
            return 1
    return 0


def _script(source: str) -> list[str]:
    if source == "-":
        return sys.stdin.read().splitlines()
    return Path(source).read_text(encoding="utf-8").splitlines()


def _introduce(loopback: LoopbackSlack, person: Person) -> None:
    """The member as Slack's users.info would describe them."""
    loopback.add_user(person.slack_id, name=person.handle, real_name=person.name,
                      tz=person.timezone, locale=person.locale, is_bot=person.is_bot,
                      deleted=not person.active)  # fmt: skip


def _joiner(loopback: LoopbackSlack, directory: Directory, settings: Settings) -> Any:
    """`:as @newcomer`: someone new in the workspace, in the team's zone and language."""

    def join(handle: str) -> Person:
        slack_id = "U" + (NEWCOMER_ID.sub("", handle.upper())[:12] or "CONSOLE")
        language = settings.team.language
        locale = "zh-CN" if language == "zh" else "en-US"
        person = Person(slack_id, handle, handle, "member", None, settings.team.timezone,
                        language, locale, active=True, is_bot=False)  # fmt: skip
        _introduce(loopback, person)
        directory.people[slack_id] = person
        return person

    return join


def _first(directory: Directory) -> Person | None:
    active = directory.active()
    return active[0] if active else None


def _tour(lines: Lines) -> None:
    """What to try first, for the member typing, with a Chinese speaker to become."""
    me, session, settings = lines.me, lines.session, lines.session.core.settings
    others = [p for p in session.directory.active() if p.slack_id != me.slack_id]
    speakers = [p for p in others if p.language == "zh"]
    chinese = next((p for p in speakers if p.role == "sales"), speakers[0] if speakers else None)
    time = settings.all_standups[0].time if settings.all_standups else "09:30"
    day = next_workday(session.clock.now(), ZoneInfo(me.timezone), time)
    lines.transcript.tour(settings.team.name, me, chinese, day, time)


def next_workday(now: datetime, zone: ZoneInfo, hhmm: str) -> str:
    """The first weekday (Monday to Friday) whose `hhmm` is still ahead, as an ISO date."""
    local = now.astimezone(zone)
    day = local.date() if local.time() < parse_hhmm(hhmm) else local.date() + timedelta(days=1)
    while WEEKDAYS[day.weekday()] in ("sat", "sun"):
        day += timedelta(days=1)
    return day.isoformat()
