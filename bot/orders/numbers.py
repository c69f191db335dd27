"""Orders by their number key, a batch at a time, with one index probe per key whatever
the planner's statistics say.

`number_key IN (...1,000 keys...)` is planned from the table's statistics. On a PostgreSQL
table that was never analyzed (a fresh install, a CI server, a server without autovacuum)
the planner takes the table for small and reads all of it for every batch, so a bulk import
slows down with every batch it adds. A LATERAL subquery with LIMIT 1 is planned once per
key, where the unique index is always the cheaper path. SQLite uses the index for IN
without statistics.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ARRAY, String, bindparam, func, select, true
from sqlalchemy.orm import aliased

from storage.models import Order

from ..unit import Unit


def orders_by_key(unit: Unit, keys: Iterable[str]) -> dict[str, Order]:
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    if unit.session.get_bind().dialect.name == "postgresql":
        query = _probed_one_by_one(wanted)
    else:
        query = select(Order).where(Order.number_key.in_(wanted))
    return {order.number_key: order for order in unit.session.scalars(query)}


def _probed_one_by_one(keys: list[str]):  # type: ignore[no-untyped-def]
    given = bindparam("keys", keys, type_=ARRAY(String))
    wanted = func.unnest(given).table_valued("key").render_derived(name="wanted")
    one = select(Order).where(Order.number_key == wanted.c.key).limit(1).lateral("found")
    return select(aliased(Order, one)).select_from(wanted).join(one, true())
