"""slack_sdk's Block Kit objects as JSON, with every check of theirs, at a fraction of the cost.

`JsonObject.to_dict()` runs the object's validators (Slack's limits: 3,000 characters per
section, 10 fields, 75 per button label, ...) and then lists its non-empty attributes,
recursing into nested objects. Doing so it finds each class's validators with `dir()` and
rebuilds its attribute set, on every call and for every object: for a status card's 28
objects that came to more than half a millisecond, most of the card's cost. `block_json`
does the same work with what depends only on the class worked out once: the same validators
run, in the same order, raising the same SlackObjectFormationError, and the dict is the one
`to_dict()` makes (tests/handlers/test_blockjson.py holds the two side by side).

Only the classes our builders make (handlers.blocks) take this path; any other object, or one
of these classes should a later slack_sdk give it its own `to_dict`, goes through `to_dict()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk.models.basic_objects import (
    EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST,
    JsonObject,
    _class_validator_names,
)
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

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
    if isinstance(value, list | tuple):
        return [block_json(each) for each in value]
    plan = _plan(type(value), value) if type(value) in FAST else None
    if plan is None:
        to_dict = getattr(value, "to_dict", None)
        if not callable(to_dict):
            return value
        return {key: block_json(item) for key, item in to_dict().items()}
    keys, validators = plan
    for validator in validators:
        validator(value)
    kind = getattr(value, "type", None)
    return {
        key: block_json(item) for key in keys if _sent(item := getattr(value, key, None), kind, key)
    }


def _sent(value: Any, kind: Any, key: str) -> bool:
    """slack_sdk's `is_not_empty`: never None, an empty list or text only where Slack takes one."""
    if value is None:
        return False
    if (kind, key) in EMPTY_ALLOWED:
        return True
    return len(value) > 0 if hasattr(value, "__len__") else True


Plan = tuple[tuple[str, ...], tuple[Callable[[Any], None], ...]]
_plans: dict[type, Plan | None] = {}


def _plan(cls: type, value: JsonObject) -> Plan | None:
    """The class's attributes in to_dict's order and its validators in validate_json's order.
    `attributes` is a property, but on these classes it depends on the class alone."""
    if cls not in _plans:
        names = sorted(_class_validator_names(cls))
        validators = tuple(getattr(cls, name) for name in names)
        plan = (tuple(sorted(value.attributes)), validators)
        _plans[cls] = plan if _default_serialization(cls) else None
    return _plans[cls]


def _default_serialization(cls: type) -> bool:
    methods = ("to_dict", "validate_json", "get_non_null_attributes", "get_object_attribute")
    return all(getattr(cls, name) is getattr(JsonObject, name) for name in methods)
