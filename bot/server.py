"""gunicorn running the WSGI front; each worker builds its own app after the fork.

The defaults (README, "Running behind gunicorn") keep a few slow or hostile clients from
holding every worker thread: gthread threads, a deadline for sending a request, and tight
limits on the request line and headers. `tradeops serve` flags override the main ones, and
GUNICORN_CMD_ARGS, gunicorn's own variable, any other setting.
"""

from __future__ import annotations

import gc
import os
import socket
import threading
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

from .config import Settings
from .i18n import LANGUAGES, catalog


def default_workers() -> int:
    """Two processes per CPU this process may run on (at least 2, at most 8).

    A request's own work is Python on the CPU (reads of a few rows, rendering), and threads
    of one process take turns at the interpreter lock, which is not fair: under load one
    waits while another runs on, which showed as a p99 three to four times the median. The
    kernel shares CPUs between processes more evenly, so the same load over more processes
    with fewer threads each had a p99 about a quarter lower at the same median. Each worker
    holds its own app (under 150 MB at its peak), so the count stops at 8.
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, min(8, 2 * (cpus or 1)))


@dataclass(frozen=True)
class ServeOptions:
    """What `tradeops serve` was asked for; the defaults are its flags' defaults."""

    host: str = "0.0.0.0"
    port: int = 3000
    workers: int = default_workers()
    # Per worker. Slack's calls after an answer run on the app's listener threads, not
    # these, so a request thread mostly runs Python or reads: a few are enough.
    threads: int = 4
    timeout: int = 30  # gunicorn restarts a worker whose main loop is silent this long
    read_timeout: float = 10.0  # seconds a client has to send its request, headers and body


# Slack posts to /slack/events with a dozen short headers; the order webhook's paths are short.
LIMITS = {"limit_request_line": 2048, "limit_request_fields": 50, "limit_request_field_size": 8190}


class DeadlineThreadWorker(ThreadWorker):  # type: ignore[misc]
    """gunicorn's gthread worker, with a deadline for the client to send its request.

    gthread hands a connection to a thread once its first bytes arrive; the thread then
    blocks reading headers and body for as long as the client cares to take (eight stalled
    bodies held every thread and /healthz waited a minute). A time-out per read would not
    do: gunicorn reads a body in a loop, so a client trickling a byte at a time never trips
    it. At the deadline the read side of the socket is shut instead: the blocked read sees
    the end of the stream, the request fails as incomplete (the front answers 400), and the
    thread is free. The answer can still be written.
    """

    def handle(self, conn: Any) -> Any:
        deadline = threading.Timer(self.app.options.read_timeout, _stop_reading, (conn,))
        deadline.daemon = True
        deadline.start()
        try:
            return super().handle(conn)
        finally:
            deadline.cancel()


def _stop_reading(conn: Any) -> None:
    with suppress(OSError):  # already answered and closed
        # The plain socket's shutdown, also under TLS: ssl.SSLSocket.shutdown would drop the
        # TLS session, and with it the way to write the answer.
        socket.socket.shutdown(conn.sock, socket.SHUT_RD)


class GunicornServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, options: ServeOptions) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def gunicorn_settings(self) -> dict[str, Any]:
        return {
            "bind": f"{self.options.host}:{self.options.port}",
            "workers": self.options.workers,
            "worker_class": DeadlineThreadWorker,
            "threads": self.options.threads,
            "timeout": self.options.timeout,
            "accesslog": "-",
            **LIMITS,
        }

    def load_config(self) -> None:
        for key, value in self.gunicorn_settings().items():
            self.cfg.set(key, value)
        # Last, so an operator's GUNICORN_CMD_ARGS wins, as it would for `gunicorn` itself.
        overrides = self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())
        for key, value in vars(overrides).items():
            if value is not None and key != "args":
                self.cfg.set(key.lower(), value)

    def load(self) -> Any:
        from .bootstrap import build_slack

        # Upgrade ran in the master; a worker only builds its app and outbox drainer.
        side = build_slack(self.settings, upgrade=False)
        warm_up(side.core)
        return side.web


def warm_up(core: Any) -> None:
    """Do in a fresh worker what its first requests would otherwise pay for, then freeze.

    The catalogs are read and the database connected before the first request. Freezing
    moves everything the app holds for good (modules, the Bolt app, the catalogs) out of the
    garbage collector's reach: a full collection then walks only what requests made, not
    a hundred and sixty thousand objects, which showed as pauses in the p99.
    """
    for language in LANGUAGES:
        catalog(language)
    core.database_answers()
    gc.collect()
    gc.freeze()
