"""Slash commands and App Home through `tradeops serve`, beside a bare Bolt app served the same way.

Both servers run at once on the seeded database (bench.servers); the load (bench.load) is
8 keep-alive connections of signed requests, in alternating rounds (bare, tradeops, bare,
tradeops, ...) so that whatever the machine does meanwhile hits both. Each connection speaks
for its own slice of the whole team (every 8th member), so a member's next request comes
seconds later, as in a real team, not from a cache that one repeated request would keep warm.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass

from bench import wrk
from bench.context import Context
from bench.load import Probe, Publications, Result, percentile, run_round
from bench.scale import Scale
from bench.seed import member_id
from bench.servers import SECRET, Server, both, fake_slack
from bench.table import Row
from handlers.console.loopback import LoopbackSlack
from handlers.console.requests import event_body, slash_command_body

CONNECTIONS = 8
ORDER = "1042"


@dataclass(frozen=True)
class Plan:
    requests: int  # per round (bench.load)
    rounds: int  # per server
    warmup: int  # requests per server before the first round, not counted
    seconds: int  # per round, when wrk sends the load (it runs for a time, not a count)


def plan_for(context: Context) -> Plan:
    if context.scale == Scale.tiny():
        return Plan(requests=16, rounds=1, warmup=8, seconds=1)
    if context.quick:
        return Plan(requests=300, rounds=2, warmup=100, seconds=2)
    return Plan(requests=1_200, rounds=3, warmup=300, seconds=5)


# What a right answer holds (besides its 200): the bare app's ack is an empty 200, ours a
# message with blocks (json.dumps writes a non-empty list of them as `"blocks": [{`).
BLOCKS = '"blocks": [{'


# Event ids unique across runs too: a database the bench reuses remembers the ids it has seen,
# and the bot ignores a re-delivered event (rightly: it publishes nothing for it).
_events = itertools.count()
_RUN = uuid.uuid4().hex[:8]


def _home_opened(member: str) -> str:
    event = {"type": "app_home_opened", "user": member, "channel": "D" + member, "tab": "home"}
    return event_body(event, event_id=f"EvBench{_RUN}{next(_events)}")


def _command(name: str, text: str):  # type: ignore[no-untyped-def]
    return lambda member: slash_command_body(name, text, member)


PROBES = {  # name -> (body, what tradeops' answer holds, target: statistic -> bound)
    "/order status": (_command("/order", f"status {ORDER}"), (BLOCKS, ORDER),
                      {"p50": 1.2, "p99": 1.5, "throughput": 0.8}),
    "/task list": (_command("/task", "list"), (BLOCKS,), {"p99": 1.5}),
    "/feedback list": (_command("/feedback", "list"), (BLOCKS,), {}),
    "App Home": (_home_opened, (), {}),
}  # fmt: skip


def connections_members(members: int) -> list[list[str]]:
    """Connection i speaks for members i, i+8, i+16, ... (three zones, both languages)."""
    return [[member_id(index) for index in range(i, members, CONNECTIONS)]
            for i in range(CONNECTIONS)]  # fmt: skip


def measure(context: Context) -> list[Row]:
    seeded = context.database()
    with fake_slack() as slack, both(seeded.url, context.folder, slack) as servers:
        load = Load(servers, slack, plan_for(context), connections_members(seeded.scale.members))
        return [row for name in PROBES for row in load.rows(name)]


class Load:
    """Alternating rounds of one probe against both servers, after a warm-up of each."""

    def __init__(self, servers: dict[str, Server], slack: LoopbackSlack, plan: Plan,
                 members: list[list[str]]) -> None:  # fmt: skip
        self.servers = servers
        self.slack = slack
        self.plan = plan
        self.members = members
        self.publications = Publications()
        slack.observe(self.publications.observe)

    def rows(self, name: str) -> list[Row]:
        body, holds, targets = PROBES[name]
        home = name == "App Home"
        probes = {
            "bare": Probe(name, body, (), home),
            "tradeops": Probe(name, body, holds, home),
        }
        for server, probe in probes.items():  # imports, connections, the database's pages
            self.round(server, probe, warmup=True)
        results = {server: Result() for server in probes}
        for _ in range(self.plan.rounds):
            for server, probe in probes.items():
                results[server].merge(self.round(server, probe))
            self.slack.reset()  # the fake Slack keeps every call; nothing here reads them
        return rows(name, results["tradeops"], results["bare"], targets)

    def round(self, server: str, probe: Probe, warmup: bool = False) -> Result:
        running, plan = self.servers[server], self.plan
        cpu = running.cpu_seconds()
        if wrk.available() and not probe.published:
            seconds = 1 if warmup else plan.seconds
            result = wrk.run_round(running.base_url, SECRET, probe, self.members, seconds)
        else:
            requests = plan.warmup if warmup else plan.requests
            result = run_round(running.base_url, SECRET, probe, self.members, requests,
                               self.publications)  # fmt: skip
        result.cpu = running.cpu_seconds() - cpu
        return result


def rows(name: str, ours: Result, bare: Result, targets: dict[str, float]) -> list[Row]:
    label = "bare Bolt app"
    figures = [
        ("p50", percentile(ours.latencies, 0.5) * 1000, percentile(bare.latencies, 0.5) * 1000,
         "ms"),
        ("p99", percentile(ours.latencies, 0.99) * 1000, percentile(bare.latencies, 0.99) * 1000,
         "ms"),
        ("throughput", ours.throughput, bare.throughput, "req/s"),
        ("server CPU per request", ours.cpu_per_request * 1000, bare.cpu_per_request * 1000,
         "ms"),
    ]  # fmt: skip
    result = []
    for statistic, value, baseline, unit in figures:
        bound = targets.get(statistic)
        target, met = "", None
        if bound is not None:
            higher = statistic == "throughput"
            target = f"{'≥' if higher else '≤'} {bound}×"
            ratio = value / baseline if baseline else float("inf")
            met = ratio >= bound if higher else ratio <= bound
        result.append(Row(f"{name} {statistic}", value, unit, baseline, label, target, met))
    failures = ours.failures + bare.failures
    sample = f" (first: {(ours.sample or bare.sample)[:160]})" if failures else ""
    result.append(Row(f"{name} wrong or failed answers{sample}", failures, "",
                      target="0", met=failures == 0))  # fmt: skip
    return result
