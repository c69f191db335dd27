"""Block Kit building on slack_sdk's models, which check Slack's limits before sending.

Every text these builders are given is escaped here (mrkdwn.escape for mrkdwn, mrkdwn.plain
for plain text), whoever wrote it, so no renderer can forget a customer's name or a
complaint: nothing the bot sends pings @channel, @here or a user group.
tests/handlers/hardening/test_no_pings.py checks that messages are only made here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from .blockjson import block_json
from .mrkdwn import escape, plain

MAX_BLOCKS = 50  # per message
MAX_SECTION_TEXT = 3000


@dataclass
class Rendered:
    """A message ready for Slack: fallback text (notifications, screen readers) and blocks."""

    text: str
    blocks: Sequence[Block] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)  # {"filename", "content", "title"}

    def __post_init__(self) -> None:
        self.text = escape(self.text)  # the notification shows it, and would ping from it

    def block_dicts(self) -> list[dict[str, Any]]:
        blocks = self.blocks[:MAX_BLOCKS]
        return [block_json(block) for block in blocks]  # validates each block as to_dict() does


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=truncate(plain(text), 150))


def section(text: str, accessory: Any = None) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=truncate(escape(text), MAX_SECTION_TEXT)), accessory=accessory
    )


def fields(*pairs: tuple[str, str]) -> SectionBlock:
    """A two-column section; Slack takes at most ten fields."""
    items = [
        MarkdownTextObject(text=truncate(escape(f"*{label}*\n{value}"), 2000))
        for label, value in pairs[:10]
    ]
    return SectionBlock(fields=items)


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(escape(text), 3000))])


def divider() -> DividerBlock:
    return DividerBlock()


def button(text: str, action_id: str, value: str = "", style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=truncate(plain(text), 75), action_id=action_id, value=value or None, style=style
    )


def actions(*elements: ButtonElement, block_id: str | None = None) -> ActionsBlock:
    return ActionsBlock(elements=list(elements)[:25], block_id=block_id)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chunk_lines(lines: Sequence[str], limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Join lines into as few section-sized texts as fit, never splitting a line."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = truncate(line, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current:
        chunks.append(current)
    return chunks


def plain_text(text: str, limit: int = 150) -> PlainTextObject:
    """Plain text for a view's title, buttons and labels (Slack caps titles at 24, labels
    at 2,000, most others at 150 characters)."""
    return PlainTextObject(text=truncate(plain(text), limit))


def done_modal(callback_id: str, title: str, close: str, text: str) -> View:
    """What a submitted form turns into: a modal that only confirms."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=plain_text(title, 24),
        close=plain_text(close, 24),
        blocks=[section(f":white_check_mark: {text}")],
    )
