"""The composition root: the one place that builds and wires engine, sessions, Slack client,
notifier, dispatcher, Bolt app and WSGI front. Every part can be overridden, so tests pass
fakes. It is the only module in bot/ that reaches the Slack side (lazily, when asked)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Engine

from storage import db

from .clock import Clock, SystemClock
from .config import Settings
from .core import BackgroundDrainer, Core
from .notify import Notifier
from .outbox import Dispatcher

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
    clock = clock or SystemClock()
    notifier = notifier or slack_notifier(slack_client or make_slack_client(settings))
    dispatcher = Dispatcher(sessions, notifier, clock, settings)
    core = Core(settings, engine, sessions, clock, dispatcher)
    if drain == "background":
        core.wake_dispatcher = BackgroundDrainer(dispatcher).start().wake
    elif drain == "inline":
        core.wake_dispatcher = dispatcher.drain
    return core


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


def slack_notifier(client: Any) -> Notifier:
    from handlers.app import feature_modules
    from handlers.notifier import SlackNotifier, all_renderers

    return SlackNotifier(client, all_renderers(feature_modules()))


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
    from handlers.app import create_app, feature_modules
    from handlers.web import WebApp, feature_routes

    client = client or make_slack_client(settings)
    core = core or build_core(settings, slack_client=client, **core_overrides)
    app = create_app(
        core, client, settings.slack.signing_secret, process_before_response=process_before_response
    )
    web = WebApp(core, app, feature_routes(feature_modules()))
    return SlackSide(core, client, app, web)
