"""Slack's mrkdwn as rich Text: *bold*, _italic_, ~strike~, `code`, > quotes, mentions shown
by name, links by their label, and :emoji: codes as the emoji they stand for."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from rich.emoji import Emoji
from rich.text import Text

Names = Callable[[str], str]  # a member id to the name to show

TOKEN = re.compile(
    r"(?P<angle><[^<>\n]+>)"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?<![\w*])\*(?P<bold>[^*\n]+)\*(?!\w)"
    r"|(?<![\w_])_(?P<italic>[^_\n]+)_(?!\w)"
    r"|(?<![\w~])~(?P<strike>[^~\n]+)~(?!\w)"
)
# Slack's names for a few emoji that rich calls otherwise (or not at all).
EMOJI_ALIASES = {
    ":face_with_head_bandage:": "🤕",
    ":large_orange_circle:": "🟠",
    ":large_blue_circle:": "🔵",
    ":white_circle:": "⚪",
    ":hourglass:": "⌛",
    ":sunrise:": "🌅",
}
STYLES = {"bold": "bold", "italic": "italic", "strike": "strike", "code": "bold magenta"}


def emoji(text: str) -> str:
    for code, glyph in EMOJI_ALIASES.items():
        text = text.replace(code, glyph)
    return Emoji.replace(text)


def mrkdwn(text: str, names: Names, style: str = "") -> Text:
    """The rich Text for one mrkdwn string, quotes (`> `) marked at the line start."""
    result = Text(style=style)
    for index, line in enumerate(text.split("\n")):
        if index:
            result.append("\n")
        if line.startswith(("> ", "&gt; ")) or line in (">", "&gt;"):
            result.append("▌ ", style="dim")
            line = line.split(" ", 1)[1] if " " in line else ""
        result.append_text(_inline(line, names))
    return result


def plain(text: str) -> Text:
    """plain_text: no formatting, but Slack still turns :codes: into emoji."""
    return Text(emoji(text))


def _inline(line: str, names: Names) -> Text:
    out = Text()
    position = 0
    for found in TOKEN.finditer(line):
        out.append(_unescape(line[position : found.start()]))
        kind = found.lastgroup or ""
        inner = found.group(kind)
        if kind == "angle":
            out.append_text(_angle(inner[1:-1], names))
        elif kind == "code":
            out.append(html.unescape(inner[1:-1]), style=STYLES["code"])
        else:
            styled = _inline(inner, names)
            styled.stylize(STYLES[kind])
            out.append_text(styled)
        position = found.end()
    out.append(_unescape(line[position:]))
    return out


def _angle(inside: str, names: Names) -> Text:
    """<@U1>, <@U1|li>, <#C1|orders>, <!here>, <https://…|label>, <mailto:…>."""
    target, _, label = inside.partition("|")
    if target.startswith("@"):
        return Text("@" + names(target[1:]), style="cyan")
    if target.startswith("#"):
        return Text("#" + (label or target[1:]), style="cyan")
    if target.startswith("!"):
        return Text("@" + (label or target[1:].split("^")[0]), style="cyan")
    return Text(html.unescape(label or target), style="underline")


def _unescape(text: str) -> str:
    return emoji(html.unescape(text))
