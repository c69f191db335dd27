"""What Slack's credentials look like, so a placeholder or a swapped value stops start-up with
one line before anything reaches the network.

Only the shape is checked here; whether Slack accepts a token is `bootstrap.check_slack`'s
question. Messages never repeat a value: it may be a real secret pasted in the wrong place.
"""

from __future__ import annotations

import re

from .config import ConfigError, Settings

# The prefixes Slack gives each kind of credential, for telling an operator what they pasted.
KINDS = {
    "xoxb-": "a bot token",
    "xapp-": "an app-level token",
    "xoxp-": "a user token",
    "xoxe": "a token-rotation (refresh) token",
}
SHAPES = {
    "SLACK_BOT_TOKEN": re.compile(r"xoxb-[0-9A-Za-z-]+"),
    "SLACK_APP_TOKEN": re.compile(r"xapp-[0-9A-Za-z-]+"),
    "SLACK_SIGNING_SECRET": re.compile(r"[0-9a-f]{32}"),  # Slack's are 32 hex digits
}
EXPECTED = {
    "SLACK_BOT_TOKEN": "a bot token starts with xoxb- followed by letters, digits and dashes",
    "SLACK_APP_TOKEN": "an app-level token starts with xapp- followed by letters, digits and "
    "dashes",
    "SLACK_SIGNING_SECRET": "a signing secret is 32 hexadecimal characters",
}
WHERE = {
    "SLACK_BOT_TOKEN": "copy the Bot User OAuth Token from your Slack app's OAuth & Permissions "
    "page",
    "SLACK_APP_TOKEN": "generate an App-Level Token with the connections:write scope on your "
    "Slack app's Basic Information page",
    "SLACK_SIGNING_SECRET": "copy the Signing Secret from your Slack app's Basic Information page",
}
EXPECTED_PREFIX = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
VALUES = {
    "SLACK_BOT_TOKEN": lambda settings: settings.slack.bot_token,
    "SLACK_APP_TOKEN": lambda settings: settings.slack.app_token,
    "SLACK_SIGNING_SECRET": lambda settings: settings.slack.signing_secret,
}


def require(settings: Settings, *variables: str) -> None:
    """Each variable set (Settings.require) and shaped like what Slack issues."""
    settings.require(*variables)
    for variable in variables:
        problem = shape_problem(variable, VALUES[variable](settings))
        if problem:
            raise ConfigError(problem)


def shape_problem(variable: str, value: str) -> str | None:
    """One line saying what is wrong with the value and where to find the right one."""
    if SHAPES[variable].fullmatch(value):
        return None
    if value != value.strip():
        what = "has spaces or a line break around it"
    elif (kind := _kind(value)) and kind != _kind(EXPECTED_PREFIX.get(variable, "")):
        what = f"holds {kind}"
    else:
        what = "is not in the shape Slack issues (still a placeholder?)"
    return f"{variable} {what}: {EXPECTED[variable]}; {WHERE[variable]}"


def _kind(value: str) -> str | None:
    return next((kind for prefix, kind in KINDS.items() if value.startswith(prefix)), None)


def hint(variable: str) -> str:
    """Where to get the right value, for a token Slack refused."""
    return WHERE[variable]
