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
from bot.i18n import t
from bot.orders.fields import INCOTERMS, Problem
from bot.team import MemberView

from .order_blocks import status_message
from .people import ensure_member
from .routing import Request

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
    request.client.views_open(trigger_id=request.body["trigger_id"], view=modal(request.lang))


def modal(lang: str) -> View:
    blocks = [_text_input("number", lang, hint=t("orders.modal.number_hint", lang))]
    blocks += [_text_input(name, lang) for name in TEXT_FIELDS[:2]]
    blocks += [_owner_input(lang), _incoterm_input(lang)]
    blocks += [_text_input(name, lang) for name in TEXT_FIELDS[2:]]
    blocks += [_date_input(name, lang) for name in DATE_FIELDS]
    blocks.append(_text_input("notes", lang, multiline=True))
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=t("orders.modal.title", lang),
        submit=t("orders.modal.submit", lang),
        close=t("orders.modal.cancel", lang),
        blocks=blocks,
    )


def _input(name: str, lang: str, element: Any, hint: str | None = None) -> InputBlock:
    return InputBlock(
        block_id=name,
        label=t(f"orders.field.{name}", lang),
        element=element,
        hint=hint,
        optional=name not in REQUIRED,
    )


def _text_input(name: str, lang: str, hint: str | None = None, multiline: bool = False) -> Any:
    return _input(name, lang, PlainTextInputElement(action_id=ACTION, multiline=multiline), hint)


def _owner_input(lang: str) -> InputBlock:
    element = UserSelectElement(
        action_id=ACTION, placeholder=t("orders.modal.owner_placeholder", lang)
    )
    return _input("owner", lang, element)


def _incoterm_input(lang: str) -> InputBlock:
    options = [Option(value=term, text=term) for term in INCOTERMS]
    placeholder = t("orders.modal.incoterm_placeholder", lang)
    return _input(
        "incoterm",
        lang,
        StaticSelectElement(action_id=ACTION, placeholder=placeholder, options=options),
    )


def _date_input(name: str, lang: str) -> InputBlock:
    placeholder = t("orders.modal.date_hint", lang)
    return _input(name, lang, DatePickerElement(action_id=ACTION, placeholder=placeholder))


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
    member: MemberView = context["member"]
    values = submitted_values(body["view"]["state"]["values"])
    number = values.pop("number", "")
    if values.get("owner"):  # picked from all of Slack: maybe someone the bot has not met
        ensure_member(context["core"], client, values["owner"])
    try:
        with context["core"].unit() as unit:
            saved = orders.save(unit, member.slack_id, "command", number, values, mode="create")
            found = orders.status(unit, saved.order.number, member.slack_id)
            card = status_message(unit.settings, found, member.language, member.zone, unit.now)
    except DomainError as error:
        ack(response_action="errors", errors=_errors(error, member.language))
        return
    ack()
    client.chat_postMessage(channel=member.slack_id, text=card.text, blocks=card.block_dicts())


def _errors(error: DomainError, lang: str) -> dict[str, str]:
    """Each problem beside its field (problems about fields not in the form go on the first)."""
    problems = getattr(error, "problems", None) or [Problem("number", error.key, error.params)]
    shown = {"number", *TEXT_FIELDS, "owner", "incoterm", *DATE_FIELDS, "notes"}
    errors: dict[str, str] = {}
    for problem in problems:
        block = problem.field if problem.field in shown else "number"
        errors.setdefault(block, problem.text(lang))
    return errors
