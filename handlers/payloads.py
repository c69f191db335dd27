"""What a signed request must look like before Bolt or a listener reads it.

A signature says Slack (or someone with the secret) sent the bytes, not that they are what
Slack sends: Bolt itself indexes into the payload before any listener runs, so a payload that
is an array, `null`, a press without actions or a user that is a number ended in a 500 or the
apology. The front checks the shape here (`check_slack_body`, a 400 when it is wrong), and
`refuse_unstorable` answers text no database can keep (a NUL, a lone surrogate) with a clear
reply before any feature sees it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from slack_bolt import BoltResponse

from bot.i18n import t

from .blocks import section

log = logging.getLogger(__name__)

# Slack's ids: U0123ABC, W…, T…, C…; never anything else.
SLACK_ID = re.compile(r"[A-Z0-9]{1,40}")
# What PostgreSQL's text cannot hold (a NUL) and what no UTF-8 can (a lone surrogate).
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


class _Shape(BaseModel):
    """Only the fields Bolt and the listeners read are typed; Slack may send more."""

    model_config = ConfigDict(extra="allow", strict=True)


class _Named(_Shape):
    id: str | None = None


class _User(_Shape):
    id: str

    @field_validator("id")
    @classmethod
    def _slack_id(cls, value: str) -> str:
        if not SLACK_ID.fullmatch(value):
            raise ValueError("not a Slack id")
        return value


class _Option(_Shape):
    value: str | None = None


class _Element(_Shape):
    """An input's state in a submitted form, or a pressed element."""

    type: str | None = None
    value: str | None = None
    selected_option: _Option | None = None
    selected_options: list[_Option] | None = None
    selected_user: str | None = None
    selected_users: list[str] | None = None
    selected_date: str | None = None
    selected_time: str | None = None
    selected_conversation: str | None = None
    selected_channel: str | None = None


class _Action(_Element):
    action_id: str
    block_id: str | None = None


class _State(_Shape):
    values: dict[str, dict[str, _Element]]


class _View(_Shape):
    type: str  # Bolt reads it to tell a workflow step's form from a modal
    id: str | None = None
    callback_id: str | None = None
    private_metadata: str | None = None
    state: _State | None = None


class _Interaction(_Shape):
    type: str
    user: _User
    team: _Named | None = None
    enterprise: _Named | None = None
    channel: _Named | None = None
    container: dict[str, Any] | None = None
    message: dict[str, Any] | None = None
    view: _View | None = None
    actions: list[_Action] | None = None
    callback_id: str | None = None
    trigger_id: str | None = None
    response_url: str | None = None

    @field_validator("response_url")
    @classmethod
    def _a_url(cls, url: str | None) -> str | None:
        if url and not url.startswith(("https://", "http://")):
            raise ValueError("a response_url that is no URL")  # respond() would raise on it
        return url

    @field_validator("actions")
    @classmethod
    def _pressed_something(cls, actions: list[_Action] | None) -> list[_Action] | None:
        if actions is not None and not actions:
            raise ValueError("a press of nothing")
        return actions


class BadShape(ValueError):
    """A signed body that is not what Slack sends; the front answers 400."""


def check_slack_body(
    body: bytes, content_type: str, ascii_form: dict[str, list[str]] | None = None
) -> None:
    """Raise BadShape unless `body` is a slash command, an interaction or an event Bolt can read.

    `ascii_form`: the body already parsed as a form (blank values kept), used when the body
    is ASCII, where any decoding reads the same.
    """
    text = body.decode("utf-8")
    if "json" in content_type:
        _json_object(text)  # an event
        return
    if ascii_form is not None and body.isascii():
        form = ascii_form
    else:
        form = parse_qs(text, keep_blank_values=True)
    if "payload" in form:
        _interaction(form["payload"][0])
    elif "user_id" in form and not SLACK_ID.fullmatch(form["user_id"][0]):
        raise BadShape("the user is not a Slack id")


def _interaction(payload: str) -> None:
    data = _json_object(payload)
    try:
        _Interaction.model_validate(data)
    except ValidationError as error:
        raise BadShape(f"not an interaction Slack sends ({error.error_count()} problems)") from None
    if data["type"] == "block_actions" and not data.get("actions"):
        raise BadShape("a press of nothing")
    view = data.get("view")
    if data["type"] in ("view_submission", "view_closed") and not isinstance(view, dict):
        raise BadShape("a form without its view")
    if data["type"] == "view_submission" and not isinstance((view or {}).get("state"), dict):
        raise BadShape("a submitted form without its state")


def _json_object(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except RecursionError:  # [[[[…]]]] fifty thousand deep
        raise BadShape("JSON nested too deep") from None
    except json.JSONDecodeError as error:
        raise BadShape(f"not JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise BadShape("not a JSON object")
    return data


def unstorable(value: Any) -> bool:
    """True when any text in `value` (however nested) holds a NUL or a lone surrogate."""
    return any(UNSTORABLE.search(text) for text in _texts(value))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def refuse_unstorable(body: dict[str, Any], context: Any, next: Any) -> Any:
    """Bolt middleware: text holding a NUL or a lone surrogate is refused, plainly, before any
    feature tries to store it (PostgreSQL cannot), and nothing changes."""
    if not unstorable(body):
        return next()
    text = f":warning: {t('common.error.unstorable_text', context.get('lang') or 'en')}"
    kind = body.get("type")
    if kind == "view_submission":
        return BoltResponse(status=200, body=_form_errors(body, text))
    if kind == "block_actions" and body.get("response_url") and context.get("respond"):
        try:
            context["respond"](text=text, response_type="ephemeral", replace_original=False)
        except Exception:  # Slack's answer is the only reply; not a reason to answer 500
            log.warning("could not tell %s why their press was refused", context.get("user_id"))
        return BoltResponse(status=200, body="")
    if "command" in body:
        message = {"response_type": "ephemeral", "text": text, "blocks": [section(text).to_dict()]}
        return BoltResponse(status=200, body=message)
    return BoltResponse(status=200, body="")


def _form_errors(body: dict[str, Any], text: str) -> dict[str, Any]:
    """Under the first field that holds the character (Slack shows errors by block)."""
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    blocks = [block for block, state in values.items() if unstorable(state)] or list(values)
    return {"response_action": "errors", "errors": {blocks[0]: text}} if blocks else {}
