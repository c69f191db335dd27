"""Slash commands: a command's subcommands, help and usage, and the one way replies are sent.

Each feature declares a `Command` and its subcommands next to their usage text; the listener
parses the first word, runs one subcommand and acks with its reply (a bare number runs the
command's `on_number` subcommand: `/order 1042`). A domain error becomes an ephemeral warning
in the member's language with the subcommand's usage line; an error that lists several
problems (bot.grammar.Problems, the order field check) shows every one of them. Help ends
with the one grammar every command shares.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient

from bot import grammar
from bot.core import Core
from bot.errors import DomainError
from bot.i18n import t
from bot.team import MemberView
from bot.viewer import Viewer

from .acking import AFTER_ACK
from .blocks import Rendered, chunk_lines, context, section

log = logging.getLogger(__name__)


@dataclass
class Request:
    """One slash command, as its subcommand handler sees it."""

    core: Core
    client: WebClient
    member: MemberView
    args: str
    body: dict[str, Any]

    @property
    def lang(self) -> str:
        return self.member.language

    @property
    def user_id(self) -> str:
        return self.member.slack_id

    def t(self, key: str, /, **params: Any) -> str:
        return t(key, self.lang, **params)

    def viewer(self) -> Viewer:
        """Who the reply is rendered for, as of now."""
        return Viewer.of(self.member, self.core.clock.now())


@dataclass
class Reply:
    message: Rendered
    in_channel: bool = False  # ephemeral unless the reply is meant for the channel
    # Work that waits until Slack has the reply (e.g. refreshing App Homes): a command must be
    # answered within 3 seconds.
    afterwards: list[Callable[[], object]] = field(default_factory=list)


Handler = Callable[[Request], Reply | None]


@dataclass
class Subcommand:
    handler: Handler
    usage_key: str


@dataclass
class Command:
    """A slash command made of subcommands; `help` and an empty call show the usage."""

    name: str  # e.g. "/team"
    title_key: str
    default: str | None = None  # subcommand run on an empty call; None shows help
    subcommands: dict[str, Subcommand] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    # The whole text goes to the default subcommand when its first word names no other
    # (`/kudos @ana thanks`, `/summary last week`).
    takes_text: bool = False
    # The subcommand a bare number means: `/order 1042` is `/order status 1042`.
    on_number: str | None = None
    # More help lines that need the settings (the order stages), after the usage lines.
    more_help: Callable[[Request], list[str]] | None = None

    def sub(self, name: str, usage_key: str, *aliases: str) -> Callable[[Handler], Handler]:
        def decorate(handler: Handler) -> Handler:
            self.subcommands[name] = Subcommand(handler, usage_key)
            for alias in aliases:
                self.aliases[alias] = name
            return handler

        return decorate

    def listener(self, ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
        member: MemberView = context["member"]
        word, _, rest = (body.get("text") or "").strip().partition(" ")
        name = self.aliases.get(word.lower(), word.lower()) or self.default
        if self.on_number and grammar.is_number(word):
            name, rest = self.on_number, (body.get("text") or "")
        elif self.takes_text and name not in self.subcommands and name != "help":
            name, rest = self.default, (body.get("text") or "")
        request = Request(context["core"], client, member, rest.strip(), body)
        reply = self._run(name, request)
        _ack_with(ack, reply)
        # Served, the command runs before its answer is sent: what waits for Slack to have
        # the reply goes to the listener threads (handlers.acking). Elsewhere it runs here.
        after_ack = context.get(AFTER_ACK) or _now
        for work in reply.afterwards if reply is not None else ():
            after_ack(work)

    def _run(self, name: str | None, request: Request) -> Reply | None:
        if not name or name == "help":
            return Reply(self.help(request.lang, self._more_help(request)))
        subcommand = self.subcommands.get(name)
        if subcommand is None:
            return self.error(request, "common.error.unknown_subcommand", None, word=name)
        try:
            return subcommand.handler(request)
        except DomainError as error:
            return self.errors(request, _problems(error), subcommand.usage_key)
        except Exception:
            log.exception("%s %s failed", self.name, name)
            return Reply(Rendered(apology(request.lang)))

    def usage_lines(self, lang: str) -> list[str]:
        return [t(sub.usage_key, lang) for sub in self.subcommands.values()]

    def help(self, lang: str, more: list[str] | None = None) -> Rendered:
        """The usage lines, what the command adds (`/order help`: the stages), and the one
        grammar every command shares."""
        lines = [f"• {line}" for line in self.usage_lines(lang)] + (more or [])
        keys = grammar.usage_keys(grammar.KEYS)
        lines += [t("grammar.help", lang, keys=keys)]
        title = t(self.title_key, lang)
        blocks = [section(f"*{title}*")] + [section(chunk) for chunk in chunk_lines(lines)]
        return Rendered(text=title, blocks=blocks)

    def _more_help(self, request: Request) -> list[str]:
        return self.more_help(request) if self.more_help else []

    def error(self, request: Request, key: str, usage_key: str | None, **params: Any) -> Reply:
        return self.errors(request, [(key, params)], usage_key)

    def errors(
        self, request: Request, problems: list[tuple[str, Any]], usage_key: str | None
    ) -> Reply:
        """Every problem at once (one line each), then the usage line."""
        texts = [request.t(key, **params) for key, params in problems]
        message = f":warning: {texts[0]}" if len(texts) == 1 else _bullets(request, texts)
        usage = request.t(usage_key) if usage_key else "\n".join(self.usage_lines(request.lang))
        hint = request.t("common.usage", usage=usage)
        blocks = [section(chunk) for chunk in chunk_lines(message.split("\n"))]
        return Reply(Rendered(text=message, blocks=[*blocks, context(hint)]))


def _problems(error: DomainError) -> list[tuple[str, Any]]:
    """Each problem an error names: a grammar or field check lists several."""
    listed = getattr(error, "problems", None) or [error]
    return [(each.key, dict(each.params)) for each in listed]


def _bullets(request: Request, texts: list[str]) -> str:
    lines = [f":warning: {request.t('grammar.error.several', count=len(texts))}"]
    return "\n".join(lines + [f"• {text}" for text in texts])


def _now(work: Callable[[], object]) -> None:
    work()


def _ack_with(ack: Any, reply: Reply | None) -> None:
    if reply is None:
        ack()
        return
    ack(
        text=reply.message.text,
        blocks=reply.message.block_dicts() or None,
        response_type="in_channel" if reply.in_channel else "ephemeral",
    )


def apology(lang: str) -> str:
    return f":face_with_head_bandage: {t('common.error.unexpected', lang)}"
