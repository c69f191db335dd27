"""Concurrent signed Slack requests against a running server, as wrk would send them.

wrk is not a Python dependency, so the load is Python threads, one keep-alive
`http.client` connection each (8 by default, the issue's figure). Every request is signed as
Slack signs it (v0 HMAC-SHA256 over `v0:{timestamp}:{body}`), so the server's signature
checks run as they do in production. Every answer is checked (`Probe.check`): a non-200 or a
wrong body is counted, never silently timed.

A request's latency is the time to its answer, or for App Home (whose work happens after
the event's ack) the time until its views.publish reaches the fake Slack (`Probe.published`).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class Probe:
    """One kind of request: its body for a given member, and what a right answer looks like."""

    name: str
    body: Callable[[str], str]  # member id -> request body
    holds: tuple[str, ...] = ()  # what a right answer's body holds, besides its 200
    published: bool = False  # latency runs until views.publish for the member reaches Slack

    def check(self, answer: bytes) -> bool:
        return all(word.encode() in answer for word in self.holds)


@dataclass
class Result:
    """One round: its latencies (seconds), the wall time, and what went wrong."""

    latencies: list[float] = field(default_factory=list)  # each one's, or a round's percentiles
    answered: int = 0  # right answers
    seconds: float = 0.0
    failures: int = 0  # non-200 answers, wrong bodies, time-outs, dropped connections
    cpu: float = 0.0  # seconds of the server's CPU the round took
    sample: str = ""  # the first failure, for the report

    @property
    def requests(self) -> int:
        return self.answered + self.failures

    @property
    def cpu_per_request(self) -> float:
        return self.cpu / self.requests if self.requests else 0.0

    @property
    def throughput(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def merge(self, other: Result) -> None:
        self.latencies += other.latencies
        self.answered += other.answered
        self.seconds += other.seconds
        self.failures += other.failures
        self.cpu += other.cpu
        self.sample = self.sample or other.sample


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": JSON if body.startswith("{") else FORM,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


class Publications:
    """views.publish calls the fake Slack saw, by member: App Home's latency ends at one."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[threading.Event, list[float]]] = {}
        self._lock = threading.Lock()

    def expect(self, member: str) -> tuple[threading.Event, list[float]]:
        with self._lock:
            self._waiting[member] = entry = (threading.Event(), [])
        return entry

    def observe(self, method: str, params: dict) -> None:  # the fake Slack's observer
        if method != "views.publish":
            return
        with self._lock:
            entry = self._waiting.pop(str(params.get("user_id")), None)
        if entry is not None:
            entry[1].append(time.perf_counter())
            entry[0].set()


def run_round(
    base_url: str,
    secret: str,
    probe: Probe,
    members: list[list[str]],
    requests: int,
    publications: Publications | None = None,
) -> Result:
    """`requests` requests over len(members) connections; connection i speaks for members[i]."""
    results = [Result() for _ in members]
    quota = [requests // len(members) + (i < requests % len(members)) for i in range(len(members))]
    threads = [
        threading.Thread(
            target=_connection,
            args=(base_url, secret, probe, mine, count, result, publications),
            daemon=True,
        )
        for mine, count, result in zip(members, quota, results, strict=True)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Result(seconds=time.perf_counter() - started)
    for result in results:
        total.latencies += result.latencies
        total.answered += len(result.latencies)
        total.failures += result.failures
        total.sample = total.sample or result.sample
    return total


def _connection(
    base_url: str,
    secret: str,
    probe: Probe,
    members: list[str],
    count: int,
    result: Result,
    publications: Publications | None,
) -> None:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        for index in range(count):
            member = members[index % len(members)]
            _one(connection, secret, probe, member, result, publications)
    finally:
        connection.close()


def _one(
    connection: http.client.HTTPConnection,
    secret: str,
    probe: Probe,
    member: str,
    result: Result,
    publications: Publications | None,
) -> None:
    body = probe.body(member)
    waiting = publications.expect(member) if probe.published and publications else None
    started = time.perf_counter()
    try:
        connection.request("POST", "/slack/events", body.encode(), sign(secret, body))
        response = connection.getresponse()
        answer = response.read()
    except (OSError, http.client.HTTPException) as error:
        connection.close()  # the next request reconnects
        _failed(result, f"{probe.name}: {type(error).__name__}: {error}")
        return
    ended = time.perf_counter()
    if response.status != 200 or not probe.check(answer):
        _failed(result, f"{probe.name}: HTTP {response.status}: {answer[:300]!r}")
        return
    if waiting is not None:
        if not waiting[0].wait(10):
            _failed(result, f"{probe.name}: no views.publish for {member}")
            return
        ended = waiting[1][0]
    result.latencies.append(ended - started)


def _failed(result: Result, why: str) -> None:
    result.failures += 1
    result.sample = result.sample or why


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5 is the median, 0.99 the p99)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]
