"""Block Kit as rich renderables: headers, sections with fields, context, buttons as
`[Done]`, inputs with the field name `:submit` takes, images by their text and address."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .richtext import Names, mrkdwn, plain

BUTTON_STYLES = {"primary": "bold green", "danger": "bold red"}


def message(text: str, blocks: list[dict[str, Any]], names: Names) -> RenderableType:
    """A message as Slack shows it: its blocks, or its text when it has none."""
    if not blocks:
        return mrkdwn(text, names)
    return Group(*(block_of(block, names) for block in blocks))


def view(view: dict[str, Any], names: Names, footer: Text | None = None) -> Panel:
    """A modal or App Home in a frame, its title on top and its buttons at the bottom."""
    body: list[RenderableType] = [block_of(block, names) for block in view.get("blocks") or []]
    closing = Text(" ").join(
        _button_text(view[key], "primary" if key == "submit" else None)
        for key in ("submit", "close")
        if isinstance(view.get(key), dict)
    )
    if closing:
        body.append(closing)
    title = _plain(view.get("title")) or None
    return Panel(Group(*body), title=title, title_align="left", subtitle=footer,
                 subtitle_align="left", expand=False)  # fmt: skip


def block_of(block: dict[str, Any], names: Names) -> RenderableType:
    renderer = BLOCKS.get(str(block.get("type")))
    return renderer(block, names) if renderer else Text(f"[{block.get('type')}]", style="dim")


def _header(block: dict[str, Any], names: Names) -> RenderableType:
    return Text(_plain(block.get("text")), style="bold underline")


def _section(block: dict[str, Any], names: Names) -> RenderableType:
    parts: list[RenderableType] = []
    if isinstance(block.get("text"), dict):
        parts.append(_text(block["text"], names))
    if block.get("fields"):
        parts.append(_fields(block["fields"], names))
    accessory = block.get("accessory")
    if isinstance(accessory, dict):
        parts.append(element(accessory, names))
    if len(parts) == 2 and isinstance(accessory, dict) and isinstance(parts[0], Text):
        return Text(" ").join([parts[0], _as_text(parts[1])])  # text and its button, one line
    return Group(*parts)


def _fields(items: list[dict[str, Any]], names: Names) -> Table:
    grid = Table.grid(padding=(0, 3))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    cells = [_text(item, names) for item in items]
    for index in range(0, len(cells), 2):
        grid.add_row(*cells[index : index + 2])
    return grid


def _context(block: dict[str, Any], names: Names) -> RenderableType:
    parts = [_as_text(element(item, names)) for item in block.get("elements") or []]
    line = Text("  ").join(parts)
    line.stylize("dim")
    return line


def _actions(block: dict[str, Any], names: Names) -> RenderableType:
    return Text(" ").join(_as_text(element(item, names)) for item in block.get("elements") or [])


def _divider(block: dict[str, Any], names: Names) -> RenderableType:
    return Rule(style="dim")


def _image(block: dict[str, Any], names: Names) -> RenderableType:
    title = _plain(block.get("title")) or str(block.get("alt_text") or "")
    return Text(f"🖼  {title} — {block.get('image_url') or block.get('slack_file') or ''}")


def _input(block: dict[str, Any], names: Names) -> RenderableType:
    """The label, what the field holds now, and the name `:submit` knows it by."""
    label = Text(_plain(block.get("label")), style="bold")
    if not block.get("optional"):
        label.append(" *", style="red")
    label.append(f"   {block.get('block_id')}=", style="dim cyan")
    shown = element(block.get("element") or {}, names)
    hint = _plain(block.get("hint"))
    lines: list[RenderableType] = [label, Padding(shown, (0, 0, 0, 2))]
    if hint:
        lines.append(Padding(Text(hint, style="dim"), (0, 0, 0, 2)))
    return Group(*lines)


def _rich_text(block: dict[str, Any], names: Names) -> RenderableType:
    words: list[str] = []
    _collect_text(block.get("elements") or [], words)
    return mrkdwn("".join(words), names)


def _collect_text(node: Any, words: list[str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("text"), str):
            words.append(node["text"])
        _collect_text(node.get("elements") or [], words)
    elif isinstance(node, list):
        for item in node:
            _collect_text(item, words)


BLOCKS = {
    "header": _header, "section": _section, "context": _context, "actions": _actions,
    "divider": _divider, "image": _image, "input": _input, "rich_text": _rich_text,
}  # fmt: skip


def element(item: dict[str, Any], names: Names) -> RenderableType:
    """An element inside a block: text, a button, a menu, a picker, a text box."""
    kind = str(item.get("type"))
    if kind in ("mrkdwn", "plain_text"):
        return _text(item, names)
    if kind == "button":
        return _button_text(item.get("text"), item.get("style"))
    if kind == "image":
        return Text(f"🖼 {item.get('alt_text') or ''}")
    return Text(_element_value(item), style="cyan")


def _element_value(item: dict[str, Any]) -> str:
    """What a menu, picker or text box shows: its value, or its placeholder in brackets."""
    chosen = item.get("initial_option") or {}
    value = (
        item.get("initial_value") or _plain(chosen.get("text")) or item.get("initial_date")
        or item.get("initial_time") or item.get("initial_user")
    )  # fmt: skip
    options = [_plain(option.get("text")) for option in item.get("options") or []]
    if value:
        return f"[{value}]"
    if options:
        return "[" + " | ".join(options) + "]"
    placeholder = _plain(item.get("placeholder"))
    return f"[{placeholder or '____________'}]"


def _text(item: dict[str, Any], names: Names) -> Text:
    text = str(item.get("text") or "")
    return mrkdwn(text, names) if item.get("type") == "mrkdwn" else plain(text)


def _button_text(label: Any, style: Any) -> Text:
    return Text(f"[{_plain(label)}]", style=BUTTON_STYLES.get(str(style), "bold"))


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return plain(str(value.get("text") or "")).plain
    return str(value or "")


def _as_text(renderable: RenderableType) -> Text:
    return renderable if isinstance(renderable, Text) else Text(str(renderable))
