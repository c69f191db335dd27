"""The same load as bench.load, sent by wrk: a client that costs the machine next to nothing.

bench.load's client is Python: eight threads that share one interpreter lock, so an answer
that arrives while another thread holds the lock waits for it (up to the interpreter's 5 ms
switch interval) before its latency is read, and the faster the server answers, the busier
the client is. wrk (a C event loop) reads each answer as it arrives, so the latencies are
the server's. It is used for every probe whose latency ends at the answer when `wrk` is on
the PATH (Debian's package `wrk`); App Home, whose latency ends at a views.publish the fake
Slack sees, and machines without wrk use bench.load.

Each round's requests are signed before it starts (Slack signs each request once, and a
signature stays good for five minutes) and written one per line for the round's Lua script,
which sends them in turn over the connections for the round's time (wrk runs for a time,
not a count) and checks every answer: a non-200, or a body without what the probe's answer
holds, is a failure. The round's latencies come back as its percentiles in steps of 0.1 %,
so that rounds merge into one distribution as bench.load's samples do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import Probe, Result, sign

STEPS = 1_000  # percentiles per round: 0.1 %, 0.2 %, ... 100 %

SCRIPT = r"""
-- bad and sample are globals: done() reads them from the thread with thread:get.
local lines, index = {}, 0
bad, sample = 0, ""
local needle = os.getenv("WRK_NEEDLE")

function init(args)
  for line in io.lines(args[1]) do
    local kind, stamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    lines[#lines + 1] = wrk.format("POST", "/slack/events", {
      ["Content-Type"] = kind,
      ["X-Slack-Request-Timestamp"] = stamp,
      ["X-Slack-Signature"] = signature,
    }, body)
  end
end

function request()
  index = index % #lines + 1
  return lines[index]
end

function response(status, headers, body)
  local right = status == 200
  for word in needle:gmatch("[^\t]+") do
    right = right and body:find(word, 1, true) ~= nil
  end
  if not right then
    bad = bad + 1
    if sample == "" then sample = "HTTP " .. status .. ": " .. body:sub(1, 300) end
  end
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local thread = threads[1]
  local steps = {}
  for step = 1, STEPS do steps[step] = latency:percentile(step * 100 / STEPS) end
  local errors = summary.errors
  io.write("RESULT ", string.format(
    '{"requests": %d, "microseconds": %d, "bad": %d, "errors": %d, "sample": "%s", "steps": [%s]}',
    summary.requests, summary.duration, thread:get("bad"),
    errors.connect + errors.read + errors.write + errors.timeout,
    thread:get("sample"):gsub('[%c"\\]', "?"), table.concat(steps, ",")), "\n")
end
""".replace("STEPS", str(STEPS))


def available() -> bool:
    return shutil.which("wrk") is not None


def run_round(
    base_url: str,
    secret: str,
    probe: Probe,
    members: list[list[str]],
    seconds: float,
) -> Result:
    """`seconds` of requests over len(members) keep-alive connections, for every member of
    `members` (connection i's, as bench.load has them) in turn: a member's next request
    comes one team later."""
    speakers = [member for mine in zip(*members, strict=False) for member in mine]
    with tempfile.TemporaryDirectory(prefix="tradeops-wrk-") as folder:
        script, lines = Path(folder, "round.lua"), Path(folder, "requests.tsv")
        script.write_text(SCRIPT)
        lines.write_text("".join(_line(secret, probe, member)
                                 for member in speakers))  # fmt: skip
        return _run(base_url, script, lines, len(members), seconds, probe.holds)


def _line(secret: str, probe: Probe, member: str) -> str:
    body = probe.body(member)
    headers = sign(secret, body)
    signed = (headers["Content-Type"], headers["X-Slack-Request-Timestamp"],
              headers["X-Slack-Signature"], body)  # fmt: skip
    return "\t".join(signed) + "\n"


def _run(base_url: str, script: Path, lines: Path, connections: int, seconds: float,
         needle: tuple[str, ...]) -> Result:  # fmt: skip
    parts = urlsplit(base_url)
    whole = max(1, round(seconds))  # wrk counts its time in whole seconds
    target = f"http://{parts.hostname}:{parts.port}"
    command = [str(shutil.which("wrk")), "-t1", f"-c{connections}", f"-d{whole}s",
               "--timeout", "10s", "-s", str(script), target, "--", str(lines)]  # fmt: skip
    env = {**os.environ, "WRK_NEEDLE": "\t".join(needle)}
    finished = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    for line in finished.stdout.splitlines():
        if line.startswith("RESULT "):
            return _result(json.loads(line.removeprefix("RESULT ")))
    return Result(failures=1, sample=f"wrk: {(finished.stderr or finished.stdout).strip()[:300]}")


def _result(report: dict) -> Result:
    failures = report["bad"] + report["errors"]
    answered = max(0, report["requests"] - report["bad"])
    return Result(
        latencies=[microseconds / 1e6 for microseconds in report["steps"]],
        seconds=report["microseconds"] / 1e6,
        failures=failures,
        answered=answered,
        sample=report["sample"],
    )
