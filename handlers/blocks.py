"""Block Kit building on slack_sdk's models, which check Slack's limits before sending.

Every text these builders are given is escaped here (mrkdwn.escape for mrkdwn, mrkdwn.plain
for plain text), whoever wrote it, so no renderer can forget a customer's name or a
complaint: nothing the bot sends pings @channel, @here or a user group.
tests/handlers/hardening/test_no_pings.py checks that messages are only made here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.basic_objects import EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST, JsonObject
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


# -- sending: what slack_sdk's to_dict() makes, with every check of its own --------------------
#
# to_dict() runs an object's validators (Slack's limits: 3,000 characters per section, 10
# fields, 75 per button label, ...) and lists its non-empty attributes, recursing into nested
# objects. Doing so it finds the class's validators with dir() and rebuilds its attribute set
# on every call, for every object: for a status card's 28 objects more than half a
# millisecond, most of the card's cost. `block_json` does the same work with what depends only
# on the class worked out once: the same validators run in the same order, raising the same
# SlackObjectFormationError, and the dict is the one to_dict() makes
# (tests/handlers/test_blockjson.py holds the two side by side). Only the classes these
# builders make take this path; any other object, or one of these should a later slack_sdk
# give it a to_dict of its own, goes through to_dict().

FAST = (
    ActionsBlock, ButtonElement, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject,
    PlainTextObject, SectionBlock,
)  # fmt: skip
# (type, attribute) pairs whose empty list is still sent (rich text; none of FAST's, kept exact)
EMPTY_ALLOWED = frozenset(
    (each["type"], each["property"]) for each in EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST
)


def block_json(value: Any) -> Any:
    """What slack_sdk's `to_dict()` makes of `value` (an object, a list of them, or a value)."""
    cls = type(value)
    if cls is list or cls is tuple:
        return [block_json(each) for each in value]
    plan = _plan(cls, value) if cls in FAST else None
    if plan is None:
        to_dict = getattr(value, "to_dict", None)
        if not callable(to_dict):
            return value
        return {key: block_json(item) for key, item in to_dict().items()}
    keys, validators = plan
    for validator in validators:
        validator(value)
    kind = getattr(value, "type", None)
    sent: dict[str, Any] = {}
    for key in keys:
        item = getattr(value, key, None)
        if item is None:
            continue
        if type(item) is bool:  # the one plain value without a length (emoji, verbatim)
            sent[key] = item
        elif _sent(item, kind, key):
            sent[key] = item if type(item) is str else block_json(item)
    return sent


def _sent(value: Any, kind: Any, key: str) -> bool:
    """slack_sdk's `is_not_empty` for a value that is not None: an empty list or text only
    where Slack takes one."""
    if (kind, key) in EMPTY_ALLOWED:
        return True
    return len(value) > 0 if hasattr(value, "__len__") else True


Plan = tuple[tuple[str, ...], tuple[Callable[[Any], None], ...]]
_plans: dict[type, Plan | None] = {}


def _plan(cls: type, value: JsonObject) -> Plan | None:
    """The class's attributes in to_dict's order and its validators in validate_json's order.
    `attributes` is a property, but on these classes it depends on the class alone."""
    if cls not in _plans:
        validators = tuple(getattr(cls, name) for name in sorted(_validator_names(cls)))
        plan = (tuple(sorted(value.attributes)), validators)
        _plans[cls] = plan if _default_serialization(cls) else None
    return _plans[cls]


def _validator_names(cls: type) -> set[str]:
    """The methods slack_sdk's @JsonValidator marks, as validate_json finds them."""
    return {
        name
        for name in dir(cls)
        if not name.startswith("__") and hasattr(getattr(cls, name, None), "validator")
    }


def _default_serialization(cls: type) -> bool:
    methods = ("to_dict", "validate_json", "get_non_null_attributes", "get_object_attribute")
    return all(getattr(cls, name) is getattr(JsonObject, name) for name in methods)
