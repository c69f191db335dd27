"""How listeners run when the app serves Slack over HTTP or Socket Mode: Bolt's runner, with
the answer sent the moment it exists instead of at Bolt's next 10 ms poll.

Bolt's own runner starts each listener on its executor, and the request's thread then sleeps
in 10 ms steps until `ack()` has been called. A command's answer waited for the next step,
10 ms or more, for a request whose own work takes a millisecond; the hand-over between the
two threads cost CPU too (under load, each thread waits for the other to let go of the GIL).

`ListenerRunner` changes two things and keeps the rest of Bolt's runner:
- A slash command runs on the request's own thread, as Bolt runs every listener when
  processing before the response. A command's reply is its ack, made before the ack; the
  work that waits for Slack to have the reply (Reply.afterwards) is handed to the executor
  through `AFTER_ACK` in the context, so the answer still goes first.
- Any other listener (buttons, modals, events) runs on the executor as before, and the
  request's thread waits on an event set at its ack (or when it ends without one, or at
  Bolt's ack deadline), so Bolt's poll finds the answer at once.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.context.ack import Ack
from slack_bolt.listener import Listener
from slack_bolt.listener.thread_runner import ThreadListenerRunner
from slack_bolt.request.payload_utils import is_slash_command

log = logging.getLogger(__name__)

# Bolt's default ack_timeout for a listener: how long it waits before moving on.
ACK_DEADLINE = 3.0
# Bolt's own default size for its listener executor.
LISTENER_THREADS = 5
# In a slash command's context: run this work once the answer has gone (see module doc).
AFTER_ACK = "tradeops.after_ack"


class SignallingAck(Ack):  # type: ignore[misc]
    """Bolt's Ack that also sets `settled` once there is an answer to send.

    Bolt writes `response` both through `ack()` and directly (its error path sets the
    error handler's answer), so the setter is where the answer is noticed.
    """

    def __init__(self) -> None:
        self.settled = threading.Event()
        super().__init__()

    @property  # type: ignore[override]
    def response(self) -> BoltResponse | None:
        return self._response

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        self._response = value
        if value is not None:
            self.settled.set()


class AckAwaitingExecutor(ThreadPoolExecutor):
    """Bolt's listener executor; a submit made while an Ack is awaited returns once it settles.

    The runner names the awaited Ack on the request's thread for as long as Bolt's runner
    runs (`awaiting`); Bolt's one submit of the listener in that time is waited for.
    """

    def __init__(self, max_workers: int = LISTENER_THREADS) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="listener")
        self._awaited = threading.local()

    def awaiting(self, ack: SignallingAck | None) -> None:
        self._awaited.ack = ack

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        ack: SignallingAck | None = getattr(self._awaited, "ack", None)
        if ack is not None:
            self._awaited.ack = None  # lazy listeners, submitted after the ack, are not waited for
            # A listener that ends without an answer settles the wait too: Bolt then
            # decides (it logs the missing ack and answers nothing), as it always has.
            future.add_done_callback(lambda _done: ack.settled.set())
            ack.settled.wait(ACK_DEADLINE)
        return future


class ListenerRunner(ThreadListenerRunner):  # type: ignore[misc]
    """Bolt's runner, choosing per request as the module doc says."""

    listener_executor: AckAwaitingExecutor

    @classmethod
    def install(cls, app: App, executor: AckAwaitingExecutor) -> None:
        """In place of the runner Bolt built for `app` (given `executor` as its executor)."""
        bolt = app.listener_runner
        runner = cls.__new__(cls)
        runner.__dict__.update(bolt.__dict__)
        runner.listener_executor = executor
        app._listener_runner = runner  # Bolt reads its runner from here on every dispatch

    def run(
        self,
        request: BoltRequest,
        response: BoltResponse,
        listener_name: str,
        listener: Listener,
        starting_time: float | None = None,
    ) -> BoltResponse | None:
        if is_slash_command(request.body):
            return self._run_inline(request, response, listener_name, listener, starting_time)
        given = request.context.get("ack")
        if given is not None and given.response is not None:  # answered already: Bolt sends it
            return super().run(request, response, listener_name, listener, starting_time)
        # Bolt made an Ack while matching listeners (each matcher is handed one), unused yet.
        ack = SignallingAck()
        request.context["ack"] = ack
        self.listener_executor.awaiting(ack)
        try:
            return super().run(request, response, listener_name, listener, starting_time)
        finally:
            self.listener_executor.awaiting(None)

    def _run_inline(
        self,
        request: BoltRequest,
        response: BoltResponse,
        listener_name: str,
        listener: Listener,
        starting_time: float | None,
    ) -> BoltResponse | None:
        # A copy, so that the flag is this request's alone; handlers and executor are shared.
        inline = copy.copy(self)
        inline.process_before_response = True
        request.context[AFTER_ACK] = lambda work: self._after_ack(request, work)
        result: BoltResponse | None = ThreadListenerRunner.run(
            inline, request, response, listener_name, listener, starting_time
        )
        return result

    def _after_ack(self, request: BoltRequest, work: Callable[[], object]) -> None:
        def run() -> None:
            try:
                work()
            except Exception as error:  # as Bolt's own runner would: to the app's error handler
                self.listener_error_handler.handle(error=error, request=request, response=None)

        self.listener_executor.submit(run)
