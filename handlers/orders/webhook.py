"""POST /api/orders/<number>: the ERP pushes an order as JSON, with a bearer token.

401 without the right token (TRADEOPS_WEBHOOK_TOKEN, compared in constant time), 400 for a
body that is not a JSON object, 422 with every problem for invalid fields, 201 when the
order was created and 200 when it was updated. History records the actor as "webhook".
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from bot import orders
from bot.core import Core
from bot.errors import DomainError
from bot.orders import Problem

from ..payloads import unstorable
from ..web import HttpResponse, Route


def post_order(core: Core, environ: dict[str, Any], body: bytes, number: str) -> HttpResponse:
    if not authorized(core.settings.webhook_token, environ.get("HTTP_AUTHORIZATION", "")):
        return HttpResponse(401, {"ok": False, "error": "unauthorized"})
    try:
        data = _fields(body)
    except ValueError as error:
        return HttpResponse(400, {"ok": False, "error": "bad_json", "detail": str(error)})
    try:
        saved = orders.save_from_webhook(core, number, *_texts(data))
    except DomainError as error:
        return _invalid(core, orders.problems_of(error))
    answer = {
        "ok": True,
        "created": saved.created,
        "changed": sorted(saved.changes),
        "order": orders.order_record(saved.order),
    }
    return HttpResponse(201 if saved.created else 200, answer)


def authorized(expected: str | None, header: str) -> bool:
    """A configured token, sent as `Authorization: Bearer <token>`; no token, no entry."""
    scheme, _, token = header.partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), expected.encode())


def _fields(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8") or "null")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not JSON: {error}") from error
    except RecursionError:  # [[[[…]]]] fifty thousand deep
        raise ValueError("not JSON: nested too deep") from None
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object of order fields")
    if unstorable(data):  # "\u0000" or a lone "\ud800": valid JSON, but no database keeps it
        raise ValueError("a text holds a NUL or a lone surrogate, which cannot be stored")
    return data


def _texts(data: dict[str, Any]) -> tuple[dict[str, str | None], list[Problem]]:
    """JSON values as the text the validation reads (null clears a field, a list of
    containers is joined); objects and booleans are no field's value."""
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for name, value in data.items():
        text = _as_text(value)
        if text is None:
            problems.append(Problem(name, "orders.error.not_text", {"field": name}))
        else:
            texts[name] = text
    return texts, problems


def _as_text(value: Any) -> str | None:
    if value is None:
        return "-"
    if isinstance(value, list) and all(isinstance(each, str) for each in value):
        return " ".join(value) or "-"
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _invalid(core: Core, problems: list[Problem]) -> HttpResponse:
    lang = core.settings.team.language
    errors = [
        {"field": problem.field, "code": problem.key, "message": problem.text(lang)}
        for problem in problems
    ]
    return HttpResponse(422, {"ok": False, "error": "invalid", "errors": errors})


# The rest of the path is the number: numbers like PO/2026/118 may hold slashes.
ROUTES = [Route("POST", r"/api/orders/(?P<number>.+)", post_order)]
