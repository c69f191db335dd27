"""What changes orders: creating and updating them (by command, form, webhook), watching.

The entry points the Slack side and the webhook call (`create`, `update`, `set_watching`,
`save_from_webhook`) each open one write unit; `save` is the building block they share with
the tests, validating, checking who may edit, and applying through `applying.apply`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import OrderWatcher

from .. import team
from ..core import Core
from ..errors import InvalidInput, PermissionDenied
from ..unit import Unit
from . import pipeline, queries
from .applying import apply
from .fields import Checked, OrderProblems, Problem, canonical, check
from .lookups import field_context, reader_zone
from .status import status
from .views import OrderView, Saved, StatusView, WatchChange, number_key

COMMAND = "command"  # the source of changes made in Slack (command and form)
WEBHOOK = "webhook"  # the actor and source of what the ERP pushes
EDITOR_ROLES = ("sales", "logistics")  # admins pass every role check

Fields = Mapping[str, str | None]  # field name -> text as typed, sent or read from a file


def create(
    core: Core, actor: str, number: str, fields: Fields, problems: Sequence[Problem] = ()
) -> StatusView:
    """`/order new` and its form: a new order, shown as `/order status` shows it. `problems`
    found in the words typed are reported with the fields', in one reply."""

    def work(unit: Unit) -> StatusView:
        saved = save(unit, actor, COMMAND, number, fields, mode="create", problems=problems)
        return status(unit, saved.order.number, actor)

    # The loser of a race to create the same number is told it exists, not a 500.
    return core.write_retrying(work)


def update(
    core: Core,
    actor: str,
    number: str,
    fields: Fields,
    force: bool = False,
    problems: Sequence[Problem] = (),
) -> Saved:
    """`/order update`: notes and containers add to what the order has; others replace.
    `force` leaves a stage although required checklist steps are open (history says who)."""
    if not fields and not problems:
        raise InvalidInput("orders.error.nothing_to_change", number=number)
    with core.write() as unit:
        return save(unit, actor, COMMAND, number, fields, **_updating(force, problems))


def _updating(force: bool, problems: Sequence[Problem]) -> dict[str, Any]:
    return {"append": True, "mode": "update", "force": force, "problems": problems}


def set_watching(core: Core, member_id: str, number: str, watching: bool) -> WatchChange:
    with core.write() as unit:
        order, changed = (watch if watching else unwatch)(unit, member_id, number)
    return WatchChange(order.number, watching, changed)


def save_from_webhook(
    core: Core, number: str, fields: Fields, problems: Sequence[Problem] = ()
) -> Saved:
    """What the ERP pushes, upserted by number; or OrderProblems naming every problem at once:
    those found in the request (`problems`), the fields', and a number in the body that is
    not the one addressed."""
    fields = dict(fields)
    mismatch = _number_mismatch(fields.pop("number", None), number)
    if problems or mismatch:
        with core.read() as unit:
            found = [*problems, *problems_in(unit, WEBHOOK, fields), *mismatch]
        raise OrderProblems(found)
    # The loser of a race to create the same order updates it instead (200, not a 500).
    return core.write_retrying(lambda unit: save(unit, WEBHOOK, WEBHOOK, number, fields))


def _number_mismatch(given: str | None, number: str) -> list[Problem]:
    if given in (None, "-") or number_key(given) == number_key(number):
        return []
    return [Problem("number", "orders.error.number_mismatch", {"given": given, "number": number})]


def save(
    unit: Unit,
    actor: str,
    source: str,
    number: str,
    raw: Fields,
    *,
    append: bool = False,
    mode: str = "upsert",
    force: bool = False,
    problems: Sequence[Problem] = (),
) -> Saved:
    """Validate `raw` (field -> text) and create or update order `number` with it; or
    OrderProblems naming `problems` (found in the words typed) and every field's at once.

    `mode` "create" refuses an existing number, "update" an unknown one, "upsert" neither.
    """
    order = queries.find_model(unit, number, lock=True) if number.strip() else None
    creating = order is None and mode == "create"
    checked = _checked(unit, actor, number, raw, [*problems, *_required(number, raw, creating)])
    if order is None and mode == "update":
        raise queries.not_found(unit, number)
    if order is not None and mode == "create":
        raise InvalidInput("orders.error.exists", number=order.number)
    if source == COMMAND:
        require_editor(unit, actor, order.owner_id if order else None)
    applied = apply(unit, order, checked, actor, source, append=append, force=force)
    unit.session.flush()
    return Saved(
        queries.full_view(unit, applied.order),
        applied.created,
        applied.changes,
        applied.notified,
        pipeline.view(unit.settings),
        *_told(unit, applied.told),
        applied.handed_out,
    )


def _checked(unit: Unit, actor: str, number: str, raw: Fields, problems: list[Problem]) -> Checked:
    checked = check({**raw, "number": number}, field_context(unit, reader_zone(unit, actor)))
    found = [*problems, *checked.problems]
    if found:
        raise OrderProblems(found)
    return checked


def _required(number: str, raw: Fields, creating: bool) -> list[Problem]:
    """A number always; a customer for a new order (named with the other problems)."""
    if not number.strip():
        return [Problem("number", "orders.error.number_required")]
    named = any(
        canonical(name) == "customer" and (text or "").strip() for name, text in raw.items()
    )
    if creating and not named:
        return [Problem("customer", "orders.error.customer_required")]
    return []


def _told(unit: Unit, told: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """Who was told, as the people and the channel (recipients() lists the channel last)."""
    channel = unit.settings.channels.orders
    people = tuple(each for each in told if each != channel)
    return people, channel if channel and channel in told else None


def problems_in(unit: Unit, actor: str, raw: Fields) -> list[Problem]:
    """What `save` would refuse in these fields, without saving anything."""
    return check(raw, field_context(unit, reader_zone(unit, actor))).problems


def require_editor(unit: Unit, actor: str, owner_id: str | None) -> None:
    """Sales, logistics, admins, the order's owner (and the owner's managers) edit orders."""
    if team.has_role(unit, actor, *EDITOR_ROLES) or team.may_act_for(unit, actor, owner_id):
        return
    raise PermissionDenied("orders.error.not_allowed")


def watch(unit: Unit, member_id: str, number: str) -> tuple[OrderView, bool]:
    """Start watching; True when this call started it (a second press, or a re-sent one, is
    a no-op even when both arrive at once)."""
    order = queries.get(unit, number)
    team.get(unit, member_id)
    dialect = unit.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(OrderWatcher)
        .values(order_id=order.id, member_id=member_id)
        .on_conflict_do_nothing(index_elements=["order_id", "member_id"])
        .returning(OrderWatcher.member_id)
    )
    return order, unit.session.execute(statement).first() is not None


def unwatch(unit: Unit, member_id: str, number: str) -> tuple[OrderView, bool]:
    """Stop watching; True when this call stopped it."""
    order = queries.get(unit, number)
    watcher = unit.session.get(OrderWatcher, (order.id, member_id))
    if watcher is None:
        return order, False
    unit.session.delete(watcher)
    return order, True
