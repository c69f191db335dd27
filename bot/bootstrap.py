"""The composition root: the one place that builds and wires engine, sessions, Slack client,
notifier, dispatcher, Bolt app and WSGI front. Every part can be overridden, so tests pass
fakes. It is the only module in bot/ that reaches the Slack side (lazily, when asked)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Engine

from storage import db

from . import events
from .clock import Clock, SystemClock
from .config import ConfigError, Settings
from .core import BackgroundDrainer, Core, DueProvider
from .escalation import due as escalation_due
from .notify import Notifier
from .outbox import Dispatcher
from .standups import due as standups_due
from .summary import due as summary_due

DrainMode = Literal["background", "inline", "off"]


def build_core(
    settings: Settings,
    *,
    engine: Engine | None = None,
    clock: Clock | None = None,
    notifier: Notifier | None = None,
    slack_client: Any = None,
    drain: DrainMode = "background",
    upgrade: bool = True,
) -> Core:
    engine = engine or db.make_engine(settings.database_url)
    if upgrade:
        db.upgrade(engine)
    sessions = db.make_session_factory(engine)
    read_sessions = db.make_session_factory(engine, write=False)
    clock = clock or SystemClock()
    notifier = notifier or slack_notifier(slack_client or make_slack_client(settings))
    dispatcher = Dispatcher(sessions, notifier, clock, settings)
    core = Core(settings, engine, sessions, read_sessions, clock, dispatcher, due_providers())
    if drain == "background":
        core.wake_dispatcher = BackgroundDrainer(dispatcher).start().wake
    elif drain == "inline":
        core.wake_dispatcher = dispatcher.drain
    return core


def due_providers() -> list[DueProvider]:
    """What the scheduler asks on every tick, feature by feature (see bot.scheduler)."""
    return [
        events.forget_old_events,
        *standups_due.PROVIDERS,
        *escalation_due.PROVIDERS,
        *summary_due.PROVIDERS,
    ]


def build_offline_core(settings: Settings) -> Core:
    """A core for database-only commands: it sends nothing, so it needs no Slack token."""
    from .notify import RecordingNotifier

    return build_core(settings, notifier=RecordingNotifier(), drain="off")


def make_slack_client(settings: Settings) -> Any:
    """A WebClient on SLACK_API_URL (or Slack's), retrying rate limits and server errors."""
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )

    kwargs: dict[str, Any] = {"token": settings.slack.bot_token, "timeout": 15}
    if settings.slack.api_url:
        kwargs["base_url"] = settings.slack.api_url.rstrip("/") + "/"
    client = WebClient(**kwargs)
    client.retry_handlers.extend(
        [
            RateLimitErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=1),
        ]
    )
    return client


# Slack's answers to a credential it will not take: the operator must fetch the right one.
REFUSED = {
    "invalid_auth",
    "not_authed",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "not_allowed_token_type",
}


def check_slack(settings: Settings, *, app_token: bool = False) -> str:
    """Ask Slack whether it takes the bot token (auth.test) and, for Socket Mode, the app
    token (apps.connections.open), before anything starts: a refused token or an unreachable
    Slack stops start-up with one line instead of a retry loop of tracebacks. Returns who
    the bot is, for the start-up line."""
    from slack_sdk import WebClient

    base_url = (settings.slack.api_url or WebClient.BASE_URL).rstrip("/") + "/"
    # No retry handlers, and slack_sdk's own error lines muted: the one line is ours.
    client = WebClient(token=settings.slack.bot_token, base_url=base_url, timeout=10,
                       logger=_muted("tradeops.slack_check"))  # fmt: skip
    identity = _ask(client.auth_test, "SLACK_BOT_TOKEN", "auth.test", base_url)
    if app_token:
        token = settings.slack.app_token or ""
        _ask(lambda: client.apps_connections_open(app_token=token), "SLACK_APP_TOKEN",
             "apps.connections.open", base_url)  # fmt: skip
    return f"{identity.get('user', '?')} in {identity.get('team', '?')}"


def _ask(call: Any, variable: str, method: str, base_url: str) -> Any:
    from slack_sdk.errors import SlackApiError, SlackClientError

    from .tokens import hint

    try:
        return call()
    except SlackApiError as error:
        code = error.response.get("error") or f"HTTP {error.response.status_code}"
        if code in REFUSED:
            raise ConfigError(f"Slack refused {variable} ({code}): {hint(variable)}") from None
        raise ConfigError(
            f"Slack answered {method} with {code}: try again in a minute; if it persists, "
            "check status.slack.com and SLACK_API_URL"
        ) from None
    except (OSError, SlackClientError) as error:
        reason = getattr(error, "reason", None) or error
        raise ConfigError(
            f"cannot reach Slack at {base_url} ({reason}): check the network or proxy, "
            "and SLACK_API_URL if it is set"
        ) from None


def _muted(name: str) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.CRITICAL + 1)
    return logger


def slack_notifier(client: Any) -> Notifier:
    from handlers.app import notice_renderers
    from handlers.notifier import SlackNotifier

    return SlackNotifier(client, notice_renderers())


@dataclass
class SlackSide:
    core: Core
    client: Any
    app: Any  # slack_bolt.App
    web: Any  # handlers.web.WebApp (WSGI)


def build_slack(
    settings: Settings,
    *,
    core: Core | None = None,
    client: Any = None,
    process_before_response: bool = False,
    **core_overrides: Any,
) -> SlackSide:
    from handlers.app import create_app, web_routes
    from handlers.web import WebApp

    client = client or make_slack_client(settings)
    core = core or build_core(settings, slack_client=client, **core_overrides)
    app = create_app(
        core, client, settings.slack.signing_secret, process_before_response=process_before_response
    )
    web = WebApp(core, app, web_routes())
    return SlackSide(core, client, app, web)


def run_socket_mode(side: SlackSide, settings: Settings) -> None:
    """Serve Slack over Socket Mode until stopped (`tradeops run`)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    # Our client, so SLACK_API_URL also governs apps.connections.open.
    SocketModeHandler(side.app, settings.slack.app_token, web_client=side.client).start()


def sync_team(settings: Settings) -> Any:
    """`tradeops team sync`: the team brought in line with Slack's user list."""
    from handlers.people import sync_from_slack

    client = make_slack_client(settings)
    return sync_from_slack(build_core(settings, slack_client=client, drain="off"), client)


def run_console(settings: Settings, options: Any) -> int:
    """`tradeops console` / `tradeops demo`: the bot on a loopback Slack, in a terminal."""
    from handlers.console import run

    return int(run(settings, options))
