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
from bot.orders.fields import Problem
from bot.orders.transfer import order_record
from bot.orders.views import number_key

from .web import HttpResponse, Route

ACTOR = SOURCE = "webhook"


def post_order(core: Core, environ: dict[str, Any], body: bytes, number: str) -> HttpResponse:
    if not authorized(core.settings.webhook_token, environ.get("HTTP_AUTHORIZATION", "")):
        return HttpResponse(401, {"ok": False, "error": "unauthorized"})
    try:
        data = _fields(body)
    except ValueError as error:
        return HttpResponse(400, {"ok": False, "error": "bad_json", "detail": str(error)})
    raw, problems = _texts(data)
    mismatch = _number_mismatch(raw.pop("number", None), number)
    if problems or mismatch:
        with core.unit() as unit:  # report every problem at once, not just these
            problems += orders.problems_in(unit, ACTOR, raw)
        return _invalid(core, problems + ([mismatch] if mismatch else []))
    try:
        with core.unit() as unit:
            saved = orders.save(unit, ACTOR, SOURCE, number, raw)
    except orders.OrderProblems as error:
        return _invalid(core, error.problems)
    except DomainError as error:
        return _invalid(core, [Problem("number", error.key, error.params)])
    answer = {
        "ok": True,
        "created": saved.created,
        "changed": sorted(saved.changes),
        "order": order_record(saved.order),
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
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object of order fields")
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


def _number_mismatch(given: str | None, number: str) -> Problem | None:
    if given in (None, "-") or number_key(given) == number_key(number):
        return None
    return Problem("number", "orders.error.number_mismatch", {"given": given, "number": number})


def _invalid(core: Core, problems: list[Problem]) -> HttpResponse:
    lang = core.settings.team.language
    errors = [
        {"field": problem.field, "code": problem.key, "message": problem.text(lang)}
        for problem in problems
    ]
    return HttpResponse(422, {"ok": False, "error": "invalid", "errors": errors})


# The rest of the path is the number: numbers like PO/2026/118 may hold slashes.
ROUTES = [Route("POST", r"/api/orders/(?P<number>.+)", post_order)]
