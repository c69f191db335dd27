"""One console session: the bot's own Bolt app behind its WSGI front, reached with requests
signed as Slack signs them, its Web API answered by the loopback Slack in this process.

Each method is one thing a member does in Slack (a command, a press, a submission, opening
App Home) or the clock moving on; it returns what the bot showed because of it, read from
the calls the loopback recorded. Nothing in the bot is replaced or told it is a console.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.console import ShiftedClock
from bot.errors import InvalidInput
from bot.scheduler import run_pass

from ..app import FEATURES
from ..routing import Command
from .directory import Directory
from .forms import Button, buttons, pick, state_values
from .loopback import LoopbackSlack
from .requests import (
    block_action_payload,
    event_body,
    interactivity_body,
    sign,
    slash_command_body,
    view_submission_payload,
)
from .workspace import HOME, MODAL, Route, Shown, Workspace
from .wsgi import Response, call

SLACK_PATH = "/slack/events"
# The scheduler's beat while the clock moves: prompts, reminders and escalations come at
# most this late, and a day moved takes 48 passes.
BEAT = timedelta(minutes=30)


@dataclass(frozen=True)
class Beat:
    """A pass of the scheduler while the clock moved, and what it sent."""

    at: datetime
    shown: list[Shown]


class Session:
    def __init__(self, side: Any, loopback: LoopbackSlack, clock: ShiftedClock,
                 workspace: Workspace, directory: Directory, me: str) -> None:  # fmt: skip
        self.side, self.core = side, side.core
        self.loopback, self.clock = loopback, clock
        self.workspace, self.directory, self.me = workspace, directory, me
        self.secret = str(side.core.settings.slack.signing_secret)
        self._taken = 0
        self._handed_out = 0
        self._session = secrets.token_hex(4)

    # -- what a member does -----------------------------------------------------------------

    def command(self, line: str) -> list[Shown]:
        """`/order status 1042`, typed in the member's DM with the bot."""
        name, _, text = line.strip().partition(" ")
        route = self._route()
        body = slash_command_body(
            name.lower(), self.directory.escape(text.strip()), self.me, channel_id=self.dm,
            response_url=self.loopback.response_url(route), trigger_id=route,
            user_name=self._handle(),
        )  # fmt: skip
        answer = self._post(body)
        shown = []
        if answer.text:
            ts = self.loopback.next_ts()
            shown.append(self.workspace.reply(self.me, answer.json(), self.dm, ts))
        return shown + self._fresh()

    def click(self, wanted: str, number: int | None = None) -> list[Shown]:
        """Press the button `wanted` (a label or its number) on the newest thing the member
        sees that has one, or on item `number`."""
        item, button = self._find_button(wanted, number)
        route = self._route(item if item.kind not in (MODAL, HOME) else None)
        payload = block_action_payload(
            self.me, button.action_id, button.value, block_id=button.block_id, trigger_id=route,
            label=button.label, **self._container(item, route),
        )  # fmt: skip
        self._post(interactivity_body(payload))
        shown = self._fresh()
        return self._home_in_view(shown) if item.kind == HOME else shown

    def submit(self, given: dict[str, str]) -> list[Shown]:
        """Submit the member's open modal with these fields (the rest as the form shows)."""
        modal = self.workspace.top_modal(self.me)
        if modal is None or modal.view is None:
            raise InvalidInput("console.error.no_modal")
        view = modal.view
        values = state_values(modal.blocks, given, self._member_id)
        payload = view_submission_payload(
            self.me, str(view.get("callback_id") or ""), values,
            private_metadata=str(view.get("private_metadata") or ""),
            view_id=str(view.get("id") or "V1"), blocks=modal.blocks,
        )  # fmt: skip
        answer = self._post(interactivity_body(payload))
        changed = self.workspace.modal_answer(self.me, answer.json() or {})
        return ([changed] if changed else []) + self._fresh()

    def home(self) -> list[Shown]:
        """Open App Home: Slack sends app_home_opened, the bot publishes the Home."""
        self._handed_out += 1
        event = {"type": "app_home_opened", "user": self.me, "channel": self.dm, "tab": "home",
                 "event_ts": self.loopback.next_ts()}  # fmt: skip
        # Unique across sessions: the bot remembers event ids it has handled, in the database.
        event_id = f"EvConsole{self._session}{self._handed_out}"
        self._post(event_body(event, event_id=event_id))
        return self._home_in_view(self._fresh())

    def _home_in_view(self, shown: list[Shown]) -> list[Shown]:
        """The member's own App Home, published because they opened it or pressed in it."""
        for item in shown:
            item.requested = item.requested or (item.kind == HOME and item.audience == self.me)
        return shown

    # -- the clock --------------------------------------------------------------------------

    def move_to(self, target: datetime) -> Iterator[Beat]:
        """Let time pass to `target`, beating as the scheduler would on the way."""
        for at in beats(self.clock.now(), target):
            self.clock.move_to(at)
            run_pass(self.core, at)
            shown = self._fresh()
            if shown:
                yield Beat(at, shown)
        self.clock.move_to(target)

    # -- what can be typed -------------------------------------------------------------------

    def slash_commands(self) -> list[str]:
        return sorted(command.name for command in _commands())

    def subcommands(self, name: str) -> list[str]:
        for command in _commands():
            if command.name == name:
                return [*command.subcommands, *command.aliases, "help"]
        return []

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def dm(self) -> str:
        return "D" + self.me

    def _post(self, body: str) -> Response:
        response = call(self.side.web, "POST", SLACK_PATH, body, sign(self.secret, body))
        if response.status != 200:
            raise InvalidInput("console.error.refused", status=response.status,
                               text=response.text[:200])  # fmt: skip
        return response

    def _fresh(self) -> list[Shown]:
        calls = self.loopback.calls()[self._taken :]
        self._taken += len(calls)
        return self.workspace.take(calls)

    def _route(self, message: Shown | None = None) -> str:
        """A name for one response_url and trigger_id: what comes back on it is the member's
        (and replaces `message` when asked to)."""
        self._handed_out += 1
        name = f"console{self._handed_out}"
        self.workspace.routes[name] = Route(self.me, message)
        return name

    def _container(self, item: Shown, route: str) -> dict[str, Any]:
        """Where the pressed button was: a view (modal or Home), or a message."""
        if item.kind in (MODAL, HOME) and item.view is not None:
            state = {"values": state_values(item.blocks, {}, self._member_id)}
            return {"view": {**item.view, "state": state}}
        original = self.workspace.numbered(item.number) or item
        return {
            "channel_id": original.conversation, "message_ts": original.ts or None,
            "response_url": self.loopback.response_url(route),
            "message": {"text": original.text, "blocks": original.blocks},
        }  # fmt: skip

    def _find_button(self, wanted: str, number: int | None) -> tuple[Shown, Button]:
        if number is not None:
            item = self.workspace.numbered(number)
            if item is None or not item.sees(self.me):
                raise InvalidInput("console.error.no_item", number=number)
            candidates = [next((i for i in self.workspace.visible_to(self.me)
                                if i.number == number), item)]  # fmt: skip
        else:
            candidates = [i for i in self.workspace.visible_to(self.me) if buttons(i.blocks)]
        for item in candidates if not wanted.isdigit() else candidates[:1]:
            found = pick(buttons(item.blocks), wanted)
            if found is not None:
                return item, found
        raise InvalidInput("console.error.no_button", button=wanted)

    def _member_id(self, token: str) -> str | None:
        person = self.directory.find(token)
        return person.slack_id if person else None

    def _handle(self) -> str:
        person = self.directory.get(self.me)
        return person.handle if person else self.me


def _commands() -> list[Command]:
    return [feature.command for feature in FEATURES if getattr(feature, "command", None)]


def beats(start: datetime, target: datetime) -> list[datetime]:
    """The scheduler's beats after `start` up to `target`: on the half hour, and `target`."""
    if target <= start:
        return []
    first = start.replace(minute=0, second=0, microsecond=0)
    while first <= start:
        first += BEAT
    found = []
    while first < target:
        found.append(first)
        first += BEAT
    return [*found, target]
