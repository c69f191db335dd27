"""User text in Slack's mrkdwn: the one place it is escaped, so no renderer can forget.

Titles, complaints, customer names and comments are stored as people typed them. Shown in a
message they keep Slack's mention and link tokens (`<@U1|li>`, `<#C1>`, `<https://x|label>`)
but not `<!here>`, `<!channel>` or `<!subteam^…>`, which would ping everyone wherever the
text is shown; every other `&`, `<` and `>` is shown as typed.

The block builders (handlers/blocks.py) pass every text they are given through `escape` (and
plain-text places through `plain`), so a renderer that forgets to escape a customer's name
still sends nothing that pings. Escaping is idempotent: `&amp;`, `&lt;` and `&gt;` are kept
as they are (a slash command's text arrives with them), so text a renderer escaped, or that
Slack escaped, is not escaped twice. The bot itself never writes `<!here>` and the like.
"""

from __future__ import annotations

import re

# Slack's own tokens: <@U1|li>, <#C1|sales>, <!here>, <!subteam^S1|@sales>, <https://x|label>.
SLACK_TOKEN = re.compile(
    r"(<(?:@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|![a-z]+(?:\^[^<>|]*)?|(?:https?://|mailto:)[^<>|\s]+)"
    r"(?:\|[^<>]*)?>)"
)


def escape(text: str) -> str:
    """User text for a mrkdwn field: live mentions and links, no broadcasts, nothing else."""
    parts = SLACK_TOKEN.split(text)
    return "".join(
        _token(part) if SLACK_TOKEN.fullmatch(part) else _escape_plain(part) for part in parts
    )


def _token(token: str) -> str:
    """Mentions and links stay live; <!here>, <!channel>, <!subteam^…|@sales> become text."""
    return _escape_plain(_label(token)) if token.startswith("<!") else token


def plain(text: str) -> str:
    """For plain-text places (a header), where tokens cannot render: <@U1|li> reads "@li"."""
    return SLACK_TOKEN.sub(lambda found: _label(found.group(1)), text)


def _label(token: str) -> str:
    """What a token shows: "@li", "#sales", "@here", "@sales", or a link's label."""
    target, _, label = token[1:-1].partition("|")
    kind = target[0]
    if kind not in "@#!":
        return label or target  # a link
    if label:
        return label if label[0] in "@#" or kind == "!" else kind + label
    return ("@" if kind == "!" else kind) + target[1:].split("^")[0]


# An `&` that does not start one of the three entities Slack decodes.
BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt);)")
# A `>` that does not start a line: one that does is a quote (`> what they said`), and with
# every `<` escaped a `>` can close no token.
INNER_GT = re.compile(r"(?m)(?!^)>")


def _escape_plain(text: str) -> str:
    text = BARE_AMPERSAND.sub("&amp;", text).replace("<", "&lt;")
    return INNER_GT.sub("&gt;", text)


def mention(slack_id: str | None) -> str:
    """A member as a live mention (an id, never user text), or a dash for nobody."""
    return f"<@{slack_id}>" if slack_id else "—"


def channel_mention(channel: str) -> str:
    """A channel from config as a live link: an id (C…) as `<#C…>`, a name as `#name`."""
    if re.fullmatch(r"[CG][A-Z0-9]+", channel):
        return f"<#{channel}>"
    return "#" + _escape_plain(channel.lstrip("#"))
