"""The Bolt app: middleware every request passes, the one error handler, and the features.

FEATURES lists, in code, every feature's Slack side: each is a package with `register(app)`
(its listeners) and `NOTICES` (renderers for the outbox kinds it sends), and may have
`ROUTES` (plain HTTP endpoints beside Slack's).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import events
from bot.core import Core
from bot.i18n import t

from . import escalation, feedback, kudos, orders, playbooks, standups, summary, tasks, team
from .acking import AckAwaitingExecutor, ListenerRunner
from .notifier import Renderer
from .payloads import refuse_unstorable
from .people import ensure_requester
from .routing import Command, apology
from .web import Route

log = logging.getLogger(__name__)


FEATURES: tuple[Any, ...] = (
    team, feedback, tasks, orders, playbooks, standups, summary, kudos, escalation,
)  # fmt: skip


def notice_renderers() -> dict[str, Renderer]:
    """Every outbox kind the bot sends, with the renderer of the feature that sends it."""
    renderers: dict[str, Renderer] = {}
    for feature in FEATURES:
        renderers.update(feature.NOTICES)
    return renderers


def web_routes() -> list[Route]:
    return [route for feature in FEATURES for route in getattr(feature, "ROUTES", ())]


def create_app(
    core: Core,
    client: WebClient,
    signing_secret: str | None,
    *,
    process_before_response: bool = False,
) -> App:
    bolt_logger = logging.getLogger("slack_bolt")
    bolt_logger.addFilter(_OWN_CLIENT_GIVEN)
    # Listeners on Bolt's threads (serve, Socket Mode): answer the moment they ack.
    executor = None if process_before_response else AckAwaitingExecutor()
    app = App(
        client=client,
        signing_secret=signing_secret,
        process_before_response=process_before_response,
        token_verification_enabled=False,  # no auth.test at start: start-up must not need Slack
        logger=bolt_logger,
        before_authorize=_Direct(_mark_verified),
        listener_executor=executor,
    )
    # Bolt logs the whole body of a request whose signature fails, at INFO. The WSGI front
    # refuses those first in one short line; this keeps Bolt quiet should one still get here.
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
    if executor is not None:
        ListenerRunner.install(app, executor)
    app.use(_Direct(_deduplicate_events(core)))
    app.use(_Direct(_attach_member(core)))
    app.use(_Direct(refuse_unstorable))
    app.error(_on_error)
    # First, and one listener for every command: Bolt tries each listener's matcher in turn
    # (a few microseconds each, two dozen of them before /order when each feature had its own).
    app.command(re.compile(r"^/"))(_slash_command(commands()))
    for feature in FEATURES:
        feature.register(app)
    return app


class _Direct(Middleware):  # type: ignore[misc]
    """A global middleware called as `func(body, context, next)`, and nothing more.

    Bolt calls a plain function through its kwargs injection, which builds some thirty
    candidate arguments (each payload view, say, respond, ...) to hand over the two or three
    asked for: about 40 µs a middleware, on every request.
    """

    def __init__(self, func: Callable[[dict[str, Any], Any, Any], Any]) -> None:
        self.func = func

    def process(self, *, req: Any, resp: Any, next: Any) -> Any:
        return self.func(req.body, req.context, next)

    @property
    def name(self) -> str:
        return f"_Direct({self.func.__qualname__})"


class _OwnClientGiven(logging.Filter):
    """Drops Bolt's "As you gave `client` as well, `token` will be unused" warning. Bolt
    reads SLACK_BOT_TOKEN from the environment by itself, so it warns on every start that
    hands it our client (built from that very token, on SLACK_API_URL, with retries)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


_OWN_CLIENT_GIVEN = _OwnClientGiven()


def served_commands() -> frozenset[str]:
    """The slash commands the features answer."""
    return frozenset(commands())


def commands() -> dict[str, Command]:
    """Each feature's `command`, by name."""
    return {f.command.name: f.command for f in FEATURES if getattr(f, "command", None)}


def _slash_command(served: dict[str, Command]) -> Any:
    """Run the feature's command, or say kindly that this version does not serve it.

    One listener for all: Bolt moves on to the next matching listener when one has not
    acked within its ack_timeout (3 s), so a catch-all registered beside the features'
    listeners answered "not available" for a slow `/task add` that went on to create its task.
    """

    def listener(ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
        command = served.get(body.get("command", ""))
        if command is None:
            _command_not_available(ack, body, context)
        else:
            command.listener(ack, body, client, context)

    return listener


def _command_not_available(ack: Any, command: dict[str, Any], context: Any) -> None:
    """A command the manifest declares but this version does not serve yet: say so kindly."""
    ack(
        text=translate(context, "common.error.command_unavailable", command=command["command"]),
        response_type="ephemeral",
    )


# Set in the context by _mark_verified: only a request that carries it may be acted on.
VERIFIED = "tradeops.verified"


def _mark_verified(_body: dict[str, Any], context: Any, next: Any) -> Any:
    """Bolt runs `before_authorize` right after its RequestVerification middleware, so
    reaching it means the signature checked out (or the request came over Socket Mode's
    authenticated connection, which Bolt does not verify again)."""
    context[VERIFIED] = True
    return next()


def _deduplicate_events(core: Core) -> Any:
    def middleware(body: dict[str, Any], _context: Any, next: Any) -> Any:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not events.first_delivery(core, event_id):
            log.info("event %s already handled; ignoring the re-delivery", event_id)
            return BoltResponse(status=200, body="")
        return next()

    return middleware


def _attach_member(core: Core) -> Any:
    """Put the member behind the request (created from users.info on first contact) in context."""

    def middleware(body: dict[str, Any], context: Any, next: Any) -> Any:
        context["core"] = core
        user_id = _user_id(body)
        if user_id:
            member = ensure_requester(core, context.client, user_id)
            context["member"] = member
            context["lang"] = member.language
        return next()

    return middleware


def _user_id(body: dict[str, Any]) -> str | None:
    if "user_id" in body:  # slash commands
        return str(body["user_id"])
    user = body.get("user")  # interactivity
    if isinstance(user, dict):
        return user.get("id")
    event = body.get("event") or {}
    user = event.get("user")
    return user if isinstance(user, str) else None


def _on_error(
    error: Exception, body: dict[str, Any], client: WebClient, context: Any
) -> BoltResponse | None:
    """The one place unexpected errors land: log the traceback, apologise to the person.

    An error before verification (Bolt's verifier raises on some malformed headers) is a
    stranger's request: the user and channel in its body are whatever the stranger wrote,
    so it is refused in one line and nobody is written to.
    """
    if not context.get(VERIFIED):
        log.warning("refused a request that failed before verification (%s)", type(error).__name__)
        return BoltResponse(status=401, body={"error": "invalid request"})
    log.error("unhandled error", exc_info=error)
    user_id = _user_id(body)
    channel = (body.get("channel") or {}).get("id") or body.get("channel_id")
    lang = context.get("lang") or "en"
    try:
        if user_id and channel:
            client.chat_postEphemeral(channel=channel, user=user_id, text=apology(lang))
        elif user_id:
            client.chat_postMessage(channel=user_id, text=apology(lang))
    except SlackApiError:
        log.warning("could not deliver the apology to %s", user_id)
    return None


def translate(context: Any, key: str, **params: Any) -> str:
    return t(key, context.get("lang") or "en", **params)
