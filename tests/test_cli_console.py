"""`tradeops demo` and `tradeops console` as a newcomer runs them: no Slack app, no tokens,
the embedded SQLite, a script on standard input or in a file."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]
README_DEMO = "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/tradeops demo"


def test_the_readme_opens_with_the_demo_command_then_the_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = readme[readme.index("## Two commands") : readme.index("## Create the Slack app")]
    commands = [line for line in top.splitlines() if line.startswith("python3 -m venv")]
    assert commands[0] == README_DEMO
    assert "pytest" in commands[1]


def test_the_demo_opens_on_a_fresh_folder_without_slack_or_tokens(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    env["PYTHONPATH"], env["COLUMNS"] = str(ROOT), "200"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", "--script", "-"],
        input="/order status 1042\n:quit\n/order status 1035\n",
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Seeded the demo team into tradeops-demo/demo.db" in result.stderr
    assert "Traceback" not in result.stderr
    assert "tradeops demo" in result.stdout  # the tour
    assert "Order 1042 · Iberia Home Supplies S.L." in result.stdout
    assert "MSC AURORA 612E" in result.stdout and "MEDUNB123456" in result.stdout
    assert "Order 1035" not in result.stdout  # :quit ended it
    assert (tmp_path / "tradeops-demo" / "demo.db").is_file()


@pytest.fixture
def console(tmp_path, capsys, monkeypatch):
    """`tradeops console --script FILE` on an empty database of its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TRADEOPS_DATABASE_URL", f"sqlite:///{tmp_path / 'console.db'}")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "the-configured-secret")
    monkeypatch.delenv("TRADEOPS_CONFIG", raising=False)

    def run(*lines: str, strict: bool = False) -> tuple[int, str]:
        script = tmp_path / "script.txt"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        level = logging.getLogger().level
        try:
            code = main(["console", "--script", str(script), *(["--strict"] if strict else [])])
        finally:
            logging.getLogger().setLevel(level)
        return code, capsys.readouterr().out

    return run


def test_strict_stops_at_the_first_error_reply_with_exit_status_1(console):
    code, text = console(":as @li", "/team", "/order status 1042", "/team lang zh", strict=True)
    assert code == 1
    assert "@li joins the workspace" in text
    assert "⚠" in text.split("❯ /order status 1042")[1]
    assert "/team lang zh" not in text  # not run


def test_without_strict_a_script_goes_on_after_an_error_reply(console):
    code, text = console(":as @li", "/order status 1042", "/team lang zh", "/team")
    assert code == 0
    assert "I'll speak" not in text and "中文" in text.split("❯ /team lang zh")[1]
