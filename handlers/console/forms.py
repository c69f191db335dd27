"""What a message or view offers to act on: its buttons, and its form fields as Slack's
`state.values` for a submission (`:submit title="Send PI" due=fri`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.errors import InvalidInput

FindMember = Callable[[str], str | None]  # @li -> ULI


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str
    block_id: str
    style: str | None = None


def buttons(blocks: list[dict[str, Any]]) -> list[Button]:
    """Every button, in reading order: actions blocks and section accessories."""
    found = []
    for block in blocks:
        elements = block.get("elements") if block.get("type") == "actions" else None
        if elements is None and isinstance(block.get("accessory"), dict):
            elements = [block["accessory"]]
        for element in elements or []:
            if element.get("type") == "button":
                found.append(_button(element, str(block.get("block_id") or "")))
    return found


def _button(element: dict[str, Any], block_id: str) -> Button:
    label = str((element.get("text") or {}).get("text") or "")
    return Button(label, str(element.get("action_id") or ""), str(element.get("value") or ""),
                  block_id, element.get("style"))  # fmt: skip


def pick(offered: list[Button], wanted: str) -> Button | None:
    """The button a `:click` names: its number (from 1), its label, or how its label starts."""
    if wanted.isdigit():
        index = int(wanted) - 1
        return offered[index] if 0 <= index < len(offered) else None
    folded = wanted.casefold()
    exact = [b for b in offered if b.label.casefold() == folded]
    starting = [b for b in offered if b.label.casefold().startswith(folded)]
    found = exact or starting
    return found[0] if found else None


@dataclass(frozen=True)
class Field:
    block_id: str
    action_id: str
    element: dict[str, Any]
    label: str
    optional: bool


def fields(blocks: list[dict[str, Any]]) -> list[Field]:
    return list(_fields(blocks))


def _fields(blocks: list[dict[str, Any]]) -> Iterator[Field]:
    for block in blocks:
        element = block.get("element")
        if block.get("type") == "input" and isinstance(element, dict):
            label = str((block.get("label") or {}).get("text") or "")
            yield Field(str(block.get("block_id")), str(element.get("action_id")), element,
                        label, bool(block.get("optional")))  # fmt: skip


def state_values(
    blocks: list[dict[str, Any]], given: dict[str, str], find_member: FindMember
) -> dict[str, Any]:
    """Slack's `{block_id: {action_id: value}}` for the form: what was given, else what the
    form showed at first. A field the form does not have is refused with the ones it has."""
    offered = fields(blocks)
    names = {field.block_id for field in offered}
    unknown = [name for name in given if name not in names]
    if unknown:
        raise InvalidInput("console.error.no_field", field=unknown[0], fields=_listing(offered))
    return {
        field.block_id: {field.action_id: _value(field, given.get(field.block_id), find_member)}
        for field in offered
    }


def _listing(offered: list[Field]) -> str:
    return ", ".join(field.block_id for field in offered) or "—"


def _value(field: Field, text: str | None, find_member: FindMember) -> dict[str, Any]:
    element = field.element
    kind = str(element.get("type"))
    state: dict[str, Any] = {"type": kind}
    if kind in ("static_select", "external_select", "radio_buttons"):
        state["selected_option"] = _option(field, text) if text else element.get("initial_option")
    elif kind in ("multi_static_select", "checkboxes"):
        chosen = [_option(field, part.strip()) for part in (text or "").split(",") if part.strip()]
        state["selected_options"] = chosen if text else element.get("initial_options") or []
    elif kind == "users_select":
        state["selected_user"] = (
            _member(field, text, find_member) if text else element.get("initial_user")
        )
    elif kind == "multi_users_select":
        chosen_ids = [_member(field, part, find_member) for part in (text or "").split(",") if part]
        state["selected_users"] = chosen_ids if text else element.get("initial_users") or []
    else:
        state.update(_simple(kind, element, text))
    return state


SIMPLE = {
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "channels_select": ("selected_channel", "initial_channel"),
}


def _simple(kind: str, element: dict[str, Any], text: str | None) -> dict[str, Any]:
    key, initial = SIMPLE.get(kind, ("value", "initial_value"))
    return {key: text if text is not None else element.get(initial)}


def _option(field: Field, text: str) -> dict[str, Any]:
    options = list(field.element.get("options") or [])
    for group in field.element.get("option_groups") or []:
        options += group.get("options") or []
    folded = text.strip().casefold()
    for option in options:
        label = str((option.get("text") or {}).get("text") or "")
        if folded in (str(option.get("value")).casefold(), label.casefold()):
            return dict(option)
    choices = ", ".join(str(option.get("value")) for option in options) or "—"
    raise InvalidInput("console.error.no_choice", field=field.block_id, choice=text,
                       choices=choices)  # fmt: skip


def _member(field: Field, text: str, find_member: FindMember) -> str:
    found = find_member(text.strip())
    if found is None:
        raise InvalidInput("console.error.no_member", member=text.strip())
    return found
