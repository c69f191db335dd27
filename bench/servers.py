"""`tradeops serve` and the bare Bolt app as subprocesses, beside a loopback fake Slack.

Both run with serve's default gunicorn settings on a free loopback port, talking to the same
in-process fake Slack Web API (handlers/console/loopback.py, the console's stand-in).
`tradeops serve` runs with --no-scheduler: the scheduler is measured on its own (the
process section), and its ticks would otherwise land in one side's rounds only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from handlers.console.loopback import LoopbackSlack

ROOT = Path(__file__).resolve().parents[1]
SECRET = "be4c5ec2e7be4c5ec2e7be4c5ec2e7be"  # 32 hex digits, as Slack issues them


@dataclass
class Server:
    name: str  # "tradeops" or "bare"
    process: subprocess.Popen[bytes]
    base_url: str
    startup_seconds: float  # from spawn to the first 200 on /healthz

    def worker_pids(self) -> list[int]:
        """gunicorn's workers: the children of the master (serve runs gunicorn itself)."""
        return children_of(self.process.pid)

    def cpu_seconds(self) -> float:
        """CPU time the workers have used so far (user and system): on a machine shared with
        others, CPU per request says what latency under contention cannot."""
        return sum(cpu_seconds(pid) for pid in self.worker_pids())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(database_url: str, slack: LoopbackSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        PYTHONPATH=str(ROOT),
        TRADEOPS_DATABASE_URL=database_url,
        TRADEOPS_LOG_LEVEL="WARNING",
        **extra,
    )
    env.pop("GUNICORN_CMD_ARGS", None)  # the same settings for both, serve's defaults
    return env


def command(name: str, port: int) -> list[str]:
    where = ["--host", "127.0.0.1", "--port", str(port)]
    if name == "bare":
        return [sys.executable, "-m", "bench.bare", *where]
    return [sys.executable, "-m", "bot.cli", "serve", *where, "--no-scheduler"]


def start(name: str, env: dict[str, str], folder: Path) -> Server:
    port = free_port()
    log = (folder / f"{name}-{port}.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(command(name, port), cwd=folder, env=env,
                               stdout=subprocess.DEVNULL, stderr=log)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process, Path(log.name))
    except BaseException:
        stop(process)
        raise
    return Server(name, process, base, time.perf_counter() - started)


def wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError(f"{process.args} did not answer /healthz in 120 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def fake_slack() -> Iterator[LoopbackSlack]:
    with LoopbackSlack() as slack:
        yield slack


@contextmanager
def both(database_url: str, folder: Path, slack: LoopbackSlack) -> Iterator[dict[str, Server]]:
    """The bare app and tradeops serve, up and healthy, stopped on the way out."""
    env = environment(database_url, slack)
    with ExitStack() as stack:
        servers = {}
        for name in ("bare", "tradeops"):
            server = start(name, env, folder)
            stack.callback(stop, server.process)
            servers[name] = server
        yield servers


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent(entry) == pid:
            found.append(int(entry.name))
    return sorted(found)


def _parent(entry: Path) -> int | None:
    try:
        for line in (entry / "status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def cpu_seconds(pid: int) -> float:
    """A process's user + system time so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
