"""Level-triggered scheduling: tick(now) asks each feature what is due and fills the outbox.

APScheduler only supplies the beat (an in-memory interval job); everything durable is in
the database, so ticks are idempotent and a restarted bot catches up on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .core import DueProvider

log = logging.getLogger(__name__)


@dataclass
class TickResult:
    enqueued: int = 0
    errors: list[str] = field(default_factory=list)


def tick(core: Any, now: datetime, providers: Iterable[DueProvider] | None = None) -> TickResult:
    """One pass as of `now`. A provider that fails is logged; the others still run."""
    result = TickResult()
    for provider in core.due_providers if providers is None else providers:
        try:
            with core.write(now=now, wake=False) as unit:
                provider(unit)
                result.enqueued += unit.enqueued
        except Exception as error:
            log.exception("due provider %s failed", provider.__qualname__)
            result.errors.append(f"{provider.__qualname__}: {error!r}")
    return result


def run_pass(core: Any, now: datetime) -> TickResult:
    """A beat: tick, then deliver what is due. Logs a line only when something happened."""
    result = tick(core, now)
    drained = core.dispatcher.drain()
    if result.enqueued or drained.sent or drained.retrying or drained.failed:
        log.info(
            "beat: %d message(s) queued, %d sent, %d to retry, %d failed for good",
            result.enqueued, drained.sent, drained.retrying, drained.failed,
        )  # fmt: skip
    return result


def start_beat(core: Any, interval_seconds: int, *, blocking: bool = False) -> Any:
    """Run run_pass every interval (first one at once, so a restart catches up)."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    _quiet_apscheduler()
    scheduler = (BlockingScheduler if blocking else BackgroundScheduler)(timezone="UTC")
    scheduler.add_job(
        lambda: run_pass(core, core.clock.now()),
        "interval",
        seconds=interval_seconds,
        id="tradeops-beat",
        coalesce=True,
        max_instances=1,
        next_run_time=core.clock.now(),
    )
    scheduler.start()
    return scheduler


def _quiet_apscheduler() -> None:
    """APScheduler logs two INFO lines per run ("Running job", "executed successfully"): a
    line a minute that says nothing. Its warnings (a missed or skipped run) still show, and
    everything does under TRADEOPS_LOG_LEVEL=DEBUG."""
    apscheduler = logging.getLogger("apscheduler")
    if apscheduler.level == logging.NOTSET and not log.isEnabledFor(logging.DEBUG):
        apscheduler.setLevel(logging.WARNING)
