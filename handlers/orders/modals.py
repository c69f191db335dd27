"""The "new order" modal that a bare `/order new` opens; it saves through the same path
(and the same validation) as the command, and shows problems beside their fields."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot import orders
from bot.errors import DomainError
from bot.orders.fields import INCOTERMS
from bot.team import MemberView
from bot.viewer import Viewer

from ..people import ensure_member
from ..routing import Request
from .render import status_message

CALLBACK_ID = "orders.new"
ACTION = "value"
TEXT_FIELDS = (
    "customer",
    "country",
    "amount",
    "currency",
    "supplier",
    "port_of_loading",
    "port_of_discharge",
    "vessel",
)
DATE_FIELDS = ("etd", "eta")
REQUIRED = ("number", "customer")


def register(app: Any) -> None:
    app.view(CALLBACK_ID)(on_submit)


def open_modal(request: Request) -> None:
    form = modal(request.viewer())
    request.client.views_open(trigger_id=request.body["trigger_id"], view=form)


def modal(viewer: Viewer) -> View:
    blocks = [_text_input("number", viewer, hint=viewer.t("orders.modal.number_hint"))]
    blocks += [_text_input(name, viewer) for name in TEXT_FIELDS[:2]]
    blocks += [_owner_input(viewer), _incoterm_input(viewer)]
    blocks += [_text_input(name, viewer) for name in TEXT_FIELDS[2:]]
    blocks += [_date_input(name, viewer) for name in DATE_FIELDS]
    blocks.append(_text_input("notes", viewer, multiline=True))
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=viewer.t("orders.modal.title"),
        submit=viewer.t("orders.modal.submit"),
        close=viewer.t("orders.modal.cancel"),
        blocks=blocks,
    )


def _input(name: str, viewer: Viewer, element: Any, hint: str | None = None) -> InputBlock:
    return InputBlock(
        block_id=name,
        label=viewer.t(f"orders.field.{name}"),
        element=element,
        hint=hint,
        optional=name not in REQUIRED,
    )


def _text_input(name: str, viewer: Viewer, hint: str | None = None, multiline: bool = False) -> Any:
    return _input(name, viewer, PlainTextInputElement(action_id=ACTION, multiline=multiline), hint)


def _owner_input(viewer: Viewer) -> InputBlock:
    element = UserSelectElement(
        action_id=ACTION, placeholder=viewer.t("orders.modal.owner_placeholder")
    )
    return _input("owner", viewer, element)


def _incoterm_input(viewer: Viewer) -> InputBlock:
    options = [Option(value=term, text=term) for term in INCOTERMS]
    placeholder = viewer.t("orders.modal.incoterm_placeholder")
    return _input(
        "incoterm",
        viewer,
        StaticSelectElement(action_id=ACTION, placeholder=placeholder, options=options),
    )


def _date_input(name: str, viewer: Viewer) -> InputBlock:
    placeholder = viewer.t("orders.modal.date_hint")
    return _input(name, viewer, DatePickerElement(action_id=ACTION, placeholder=placeholder))


def submitted_values(state: dict[str, Any]) -> dict[str, str]:
    """Slack's view state to field -> text, whatever kind of input each field is."""
    values: dict[str, str] = {}
    for block_id, actions in state.items():
        answer = actions.get(ACTION) or {}
        option = answer.get("selected_option") or {}
        text = answer.get("value") or answer.get("selected_user") or answer.get("selected_date")
        text = text or option.get("value")
        if text:
            values[block_id] = text
    return values


def on_submit(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    core, member = context["core"], context["member"]
    values = submitted_values(body["view"]["state"]["values"])
    number = values.pop("number", "")
    if values.get("owner"):  # picked from all of Slack: maybe someone the bot has not met
        ensure_member(core, client, values["owner"])
    try:
        created = orders.create(core, member.slack_id, number, values)
    except DomainError as error:
        ack(response_action="errors", errors=_errors(error, member))
        return
    ack()
    card = status_message(created, Viewer.of(member, core.clock.now()))
    client.chat_postMessage(channel=member.slack_id, text=card.text, blocks=card.block_dicts())


def _errors(error: DomainError, member: MemberView) -> dict[str, str]:
    """Each problem beside its field (problems about fields not in the form go on the first)."""
    problems = orders.problems_of(error)
    shown = {"number", *TEXT_FIELDS, "owner", "incoterm", *DATE_FIELDS, "notes"}
    errors: dict[str, str] = {}
    for problem in problems:
        block = problem.field if problem.field in shown else "number"
        errors.setdefault(block, problem.text(member.language))
    return errors
