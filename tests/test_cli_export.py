"""`tradeops export tasks|feedback|standups|kudos`: CSV for Excel and Power BI, UTF-8 with a
BOM, one row per item, plain ISO dates in the team's zone and member names beside ids."""

from __future__ import annotations

import csv
import io

import pytest

from bot.bootstrap import build_core
from storage import db
from storage.models import Member
from tests.conftest import make_settings
from tests.support.summary_data import seed_week
from tests.test_cli import tradeops

BOM = "\ufeff".encode()


@pytest.fixture
def seeded(tmp_path):
    """The summary tests' week in a database file, and a config in the team's zone."""
    url = f"sqlite:///{tmp_path / 'export.db'}"
    engine = db.make_engine(url)
    settings = make_settings(team={"timezone": "Asia/Shanghai"})
    core = build_core(settings, engine=engine, drain="off")
    seed_week(core)
    with core.write() as unit:
        unit.session.get(Member, "UANA").real_name = "安娜"  # Excel must show her name
    engine.dispose()
    (tmp_path / "config.toml").write_text('[team]\ntimezone = "Asia/Shanghai"\n', "utf-8")
    return tmp_path, url


def export(seeded, *args):
    folder, url = seeded
    result = tradeops("export", *args, cwd=folder, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return result


def rows_of(data: bytes):
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_tasks_of_a_week_with_names_beside_ids_and_local_iso_times(seeded):
    export(seeded, "tasks", "--since", "2026-11-30", "--until", "2026-12-06", "-o", "t.csv")
    rows = rows_of((seeded[0] / "t.csv").read_bytes())
    assert len(rows) == 6
    first = rows[0]
    assert (first["assignee_id"], first["assignee_name"]) == ("UANA", "安娜")
    assert (first["creator_id"], first["creator_name"]) == ("UMGR", "Boss")
    assert first["created_at"] == "2026-12-01 10:00:00"  # Shanghai, as it was typed
    assert (first["due_at"], first["completed_at"]) == (
        "2026-12-02 18:00:00",
        "2026-12-02 12:00:00",
    )
    assert first["status"] == "done"


def test_without_a_span_every_item_is_exported(seeded):
    rows = rows_of(export(seeded, "tasks").stdout.encode("utf-8"))
    assert len(rows) == 9


def test_feedback_has_customer_sla_deadlines_and_the_people(seeded):
    export(seeded, "feedback", "--until", "2026-11-29", "--output", "f.csv")
    rows = rows_of((seeded[0] / "f.csv").read_bytes())
    assert [row["category"] for row in rows] == ["packaging", "quality"]
    assert rows[0]["customer"] == "ACME"
    assert rows[0]["first_response_due_at"] == "2026-11-25 10:00:00"  # normal: 24 hours
    assert (rows[0]["reporter_name"], rows[0]["assignee_name"]) == ("Wang", "Wang")
    assert rows[0]["resolved_at"] == "2026-11-25 10:00:00"


def test_standups_give_one_row_per_member_and_day(seeded):
    export(seeded, "standups", "--since", "2026-12-02", "--until", "2026-12-02", "-o", "s.csv")
    rows = rows_of((seeded[0] / "s.csv").read_bytes())
    assert [(r["day"], r["member_name"], r["status"], r["has_blocker"]) for r in rows] == [
        ("2026-12-02", "安娜", "answered", "yes"), ("2026-12-02", "Li", "answered", "no"),
    ]  # fmt: skip
    assert rows[0]["helper_name"] == "Li"
    assert {"answer_yesterday", "answer_today", "answer_blockers"} <= set(rows[0])


def test_kudos_give_one_row_per_person_thanked(seeded):
    export(seeded, "kudos", "--since", "2026-11-30", "-o", "k.csv")
    rows = rows_of((seeded[0] / "k.csv").read_bytes())
    assert [(r["kudos_id"], r["giver_name"], r["thanked_name"]) for r in rows] == [
        ("1", "Boss", "安娜"), ("1", "Boss", "Li"), ("2", "安娜", "Li"),
    ]  # fmt: skip
    assert rows[0]["created_at"] == "2026-12-02 10:00:00"


def test_a_date_that_is_not_iso_is_refused_in_one_line(seeded):
    folder, url = seeded
    result = tradeops("export", "tasks", "--since", "last week", cwd=folder,
                      TRADEOPS_DATABASE_URL=url)  # fmt: skip
    assert result.returncode == 2 and "write YYYY-MM-DD" in result.stderr


def test_the_orders_export_is_still_its_own(seeded):
    result = export(seeded, "orders", "--format", "csv")
    header = result.stdout.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("number,")
