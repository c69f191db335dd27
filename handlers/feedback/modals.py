"""The "Log feedback" modal: customer, order, category, severity, assignee, what they said.

A submission is checked by the same service as the command; a problem comes back next to
the field it concerns (response_action="errors"), in the submitter's language.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot import feedback
from bot.errors import DomainError
from bot.i18n import t
from bot.viewer import Viewer

from ..blocks import done_modal, plain_text
from ..mrkdwn import mention
from ..people import ensure_member
from ..routing import Request
from .render import category_name

CALLBACK_ID = "feedback_add"
ACTION = "value"
MAX_OPTIONS = 100  # Slack's limit for a static select; beyond it the customer is typed
MAX_OPTION_VALUE = 150  # Slack's limit; a longer name could not come back whole
MAX_TEXT = 2900
MAX_ORDER_NUMBER = 64

# Which field a refusal belongs next to; anything else is shown under the text.
ERROR_BLOCKS = {
    "feedback.error.unknown_customer": "customer",
    "feedback.error.unknown_customer_close": "customer",
    "feedback.error.no_customer": "customer",
    "feedback.error.unknown_order": "order",
    "feedback.error.order_of_other_customer": "order",
    "feedback.error.unknown_category": "category",
    "feedback.error.unknown_severity": "severity",
    "team.error.unknown_member": "assignee",
}


def register(app: Any) -> None:
    app.view(CALLBACK_ID)(on_submit)


def _plain(text: str) -> PlainTextObject:
    return plain_text(text, 75)


def _option(label: str, value: str) -> Option:
    return Option(text=_plain(label), value=value)


def open_add_form(request: Request) -> None:
    """A bare `/feedback` (or `/feedback add`): the form, once there are customers."""
    form = feedback.add_form(request.core, customer_limit=MAX_OPTIONS + 1)
    view = add_view(form, request.viewer())
    request.client.views_open(trigger_id=request.body["trigger_id"], view=view)


def add_view(form: feedback.AddForm, viewer: Viewer) -> View:
    def label(key: str) -> PlainTextObject:
        return _plain(viewer.t(f"feedback.modal.{key}"))

    severities = [_option(viewer.t(f"feedback.severity.{key}"), key) for key in form.severities]
    kinds = [_option(category_name(key, viewer), key) for key in form.categories]
    customer = _customer(form.customers, viewer)
    blocks = [
        InputBlock(block_id="customer", label=label("customer"), element=customer),
        _text_input(
            "order",
            label("order"),
            viewer.t("feedback.modal.order_hint"),
            optional=True,
            max_length=MAX_ORDER_NUMBER,
        ),
        _select("category", label("category"), kinds, form.default_category),
        _select("severity", label("severity"), severities, form.default_severity),
        InputBlock(
            block_id="assignee",
            label=label("assignee"),
            element=UserSelectElement(action_id=ACTION),
            hint=label("assignee_hint"),
            optional=True,
        ),
        _text_input("text", label("text"), viewer.t("feedback.modal.text_hint"), multiline=True),
    ]
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=label("title"),
        submit=label("submit"),
        close=label("close"),
        blocks=blocks,
    )


def _customer(names: list[str], viewer: Viewer) -> Any:
    if len(names) > MAX_OPTIONS or any(len(name) > MAX_OPTION_VALUE for name in names):
        typed = _plain(viewer.t("feedback.modal.customer_typed_hint"))
        return PlainTextInputElement(action_id=ACTION, placeholder=typed, max_length=200)
    placeholder = _plain(viewer.t("feedback.modal.customer_hint"))
    options = [_option(name, name) for name in names]
    return StaticSelectElement(action_id=ACTION, placeholder=placeholder, options=options)


def _select(block_id: str, label: PlainTextObject, options: list[Option], initial: str) -> Any:
    chosen = next((option for option in options if option.value == initial), None)
    element = StaticSelectElement(action_id=ACTION, options=options, initial_option=chosen)
    return InputBlock(block_id=block_id, label=label, element=element)


def _text_input(
    block_id: str, label: PlainTextObject, placeholder: str, **options: Any
) -> InputBlock:
    optional = options.pop("optional", False)
    options.setdefault("max_length", MAX_TEXT)
    element = PlainTextInputElement(action_id=ACTION, placeholder=_plain(placeholder), **options)
    return InputBlock(block_id=block_id, label=label, element=element, optional=optional)


def submitted(values: dict[str, Any]) -> feedback.NewFeedback:
    """The modal's state as the service's input."""
    return feedback.NewFeedback(
        customer=_value(values, "customer") or "",
        text=_value(values, "text") or "",
        order=_value(values, "order"),
        category=_value(values, "category"),
        severity=_value(values, "severity"),
        assignee_id=_value(values, "assignee"),
    )


def _value(values: dict[str, Any], block_id: str) -> str | None:
    state = (values.get(block_id) or {}).get(ACTION) or {}
    selected = state.get("selected_option") or {}
    found = state.get("value") or selected.get("value") or state.get("selected_user")
    return str(found) if found else None


def on_submit(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    core, member = context["core"], context["member"]
    new = submitted(body["view"]["state"]["values"])
    try:
        if new.assignee_id:
            ensure_member(core, client, new.assignee_id)
        item = feedback.log(core, member.slack_id, new)
    except DomainError as error:
        message = t(error.key, member.language, **error.params)
        ack(response_action="errors", errors={ERROR_BLOCKS.get(error.key, "text"): message})
        return
    viewer = Viewer.of(member, core.clock.now())
    ack(response_action="update", view=done_view(item, viewer).to_dict())


def done_view(item: feedback.FeedbackView, viewer: Viewer) -> View:
    text = viewer.t(
        "feedback.modal.done",
        id=item.id,
        customer=item.customer_name,
        assignee=mention(item.assignee_id),
    )
    title, close = viewer.t("feedback.modal.title"), viewer.t("feedback.modal.close")
    return done_modal(f"{CALLBACK_ID}_done", title, close, text)
