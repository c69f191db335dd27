"""Orders from and to the ERP: `tradeops import orders FILE.csv` and `export orders`."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from bot import orders, team
from bot.bootstrap import build_core
from bot.notify import RecordingNotifier
from bot.orders.transfer import export_csv, import_csv
from bot.team import SlackProfile
from storage import db
from storage.models import Customer, Member, Order, OrderChange, OutboxMessage
from tests.test_cli import tradeops

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
HEADER = "number,customer,owner,stage,incoterm,amount,currency,etd,eta,containers,B/L\n"
BAD_LINES = {1_001: "incoterm", 5_002: "container", 9_999: "eta"}


def good_row(index: int) -> str:
    etd = datetime(2026, 12, 1) + timedelta(days=index % 60)
    eta = etd + timedelta(days=35)
    return (
        f"SO-{index:05d},Customer {index % 40},wang,production,FOB,{1000 + index}.50,USD,"
        f"{etd:%Y-%m-%d},{eta:%Y-%m-%d},CSQU3054383,MEDU{index:08d}\n"
    )


def ten_thousand_rows_with_three_bad() -> str:
    lines = [HEADER]
    for line_number in range(2, 10_002):  # line 1 is the header
        row = good_row(line_number)
        if BAD_LINES.get(line_number) == "incoterm":
            row = row.replace(",FOB,", ",FOX,")
        elif BAD_LINES.get(line_number) == "container":
            row = row.replace("CSQU3054383", "CSQU3054384")
        elif BAD_LINES.get(line_number) == "eta":
            row = row.replace(",USD,", ",USD,2027-13-45,")
            row = row.rsplit(",", 4)[0] + "," + ",".join(row.rsplit(",", 4)[2:])
        lines.append(row)
    return "".join(lines)


@pytest.fixture
def members(core):
    with core.write() as unit:
        team.upsert_profile(unit, SlackProfile("UWANG", "wang", locale="zh-CN"))
        team.upsert_profile(unit, SlackProfile("UANA", "ana"))
        unit.session.get(Member, "UWANG").role = "sales"
    return core


def count(core, model):
    with core.write() as unit:
        return unit.session.scalar(select(func.count()).select_from(model))


@freeze_time(NOW)
def test_ten_thousand_rows_with_three_bad_import_the_rest_and_name_the_lines(members):
    text = ten_thousand_rows_with_three_bad()
    seen = []
    report = import_csv(members, io.StringIO(text), progress=seen.append)
    assert report.rows == 10_000
    assert report.created == 9_997
    assert [bad.line for bad in report.bad] == [1_001, 5_002, 9_999]
    assert "`FOX` is not an Incoterm" in report.bad[0].text("en")
    assert "CSQU3054384" in report.bad[1].text("en")
    assert seen == list(range(1_000, 10_001, 1_000))
    assert count(members, Order) == 9_997
    assert count(members, Customer) == 40
    with members.write() as unit:
        order = orders.get(unit, "SO-00002")
    assert (order.owner_id, order.stage, order.bl_number) == ("UWANG", "production", "MEDU00000002")


@freeze_time(NOW)
def test_a_dry_run_validates_every_row_and_saves_nothing(members):
    text = HEADER + good_row(2) + good_row(3).replace("FOB", "XYZ")
    report = import_csv(members, io.StringIO(text), dry_run=True)
    assert (report.created, [bad.line for bad in report.bad]) == (1, [3])
    assert count(members, Order) == 0
    assert count(members, Customer) == 0


@freeze_time(NOW)
def test_importing_the_same_file_twice_changes_nothing_the_second_time(members):
    text = HEADER + good_row(2) + good_row(3)
    import_csv(members, io.StringIO(text))
    changes = count(members, OrderChange)
    again = import_csv(members, io.StringIO(text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert count(members, OrderChange) == changes


def test_a_stage_change_by_csv_is_in_history_and_notifies_owner_watcher_and_channel_once(
    members, fake_slack
):
    with freeze_time(NOW):
        import_csv(members, io.StringIO(HEADER + good_row(2)))
        with members.write() as unit:
            orders.watch(unit, "UANA", "SO-00002")
            orders.watch(unit, "UWANG", "SO-00002")  # the owner also watches
    fake_slack.reset()
    with freeze_time(NOW + timedelta(hours=1)):
        report = import_csv(
            members, io.StringIO("number,stage\nSO-00002,shipped\nSO-00002,shipped\n")
        )
    assert (report.updated, report.unchanged, report.notified) == (1, 1, 3)
    channels = sorted(call.params["channel"] for call in fake_slack.calls("chat.postMessage"))
    assert channels == ["CORDERS", "UANA", "UWANG"]
    with members.write() as unit:
        changes = orders.history(unit, "SO-00002").changes
    assert (changes[0].actor, changes[0].source) == ("import", "csv")
    assert changes[0].fields == {"stage": ["production", "shipped"]}


@freeze_time(NOW)
def test_a_row_without_a_number_is_bad_and_rows_of_empty_cells_are_passed_over(members):
    text = HEADER + good_row(2) + ",ACME,,,FOB,,,,,,\n" + ",,,,,,,,,,\n" + good_row(5)
    report = import_csv(members, io.StringIO(text))
    assert (report.rows, report.created) == (3, 2)
    assert [bad.line for bad in report.bad] == [3]
    assert "Which order? Give its number" in report.bad[0].text("en")


@freeze_time(NOW)
def test_chinese_column_names_and_text_are_understood(members):
    text = "订单号,客户,阶段,柜号,备注\n8001,宁波光明灯饰,已订舱,MSKU9070323,易碎品\n"
    report = import_csv(members, io.StringIO(text))
    assert report.created == 1
    with members.write() as unit:
        order = orders.get(unit, "8001")
    assert (order.customer_name, order.stage, order.notes) == ("宁波光明灯饰", "booked", "易碎品")


def test_a_file_without_an_order_number_column_is_refused_whole(members):
    from bot.errors import InvalidInput

    with pytest.raises(InvalidInput) as error:
        import_csv(members, io.StringIO("customer,stage\nACME,qc\n"))
    assert error.value.key == "orders.import.no_number_column"


@freeze_time(NOW)
def test_export_writes_every_order_and_imports_back_unchanged(members):
    import_csv(members, io.StringIO(HEADER + good_row(2) + good_row(3)))
    with members.write() as unit:
        changes = {"notes": "客户要求加急", "country": "CN"}
        orders.save(unit, "UWANG", "command", "SO-00002", changes)
    stream = io.StringIO()
    with members.write() as unit:
        assert export_csv(unit, stream) == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows[0]["number"] == "SO-00002"
    first = rows[0]
    assert (first["notes"], first["country"], first["owner"]) == ("客户要求加急", "CN", "UWANG")
    again = import_csv(members, io.StringIO(stream.getvalue()))
    assert again.unchanged == 2 and not again.bad


def test_the_cli_imports_with_progress_and_exports_utf8_with_a_bom(tmp_path):
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    source = tmp_path / "orders.csv"
    rows = [good_row(index).replace(",wang,", ",,") for index in range(2, 1_503)]
    rows[10] = rows[10].replace("FOB", "FOX")  # line 12: the header is line 1
    source.write_text(HEADER + "".join(rows), encoding="utf-8-sig")
    dry = tradeops(
        "import", "orders", str(source), "--dry-run", cwd=tmp_path, TRADEOPS_DATABASE_URL=url
    )
    assert "Dry run" in dry.stdout
    result = tradeops("import", "orders", str(source), cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 1  # some rows were bad
    assert "line 12: `FOX` is not an Incoterm" in result.stderr
    assert "1,000 rows" in result.stderr
    assert "1501 rows read: 1500 created, 0 updated, 0 unchanged, 1 bad." in result.stdout
    target = tmp_path / "out.csv"
    exported = tradeops(
        "export",
        "orders",
        "--format",
        "csv",
        "--output",
        str(target),
        cwd=tmp_path,
        TRADEOPS_DATABASE_URL=url,
    )
    assert exported.returncode == 0, exported.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").count("\n") == 1_501


def test_exporting_to_standard_output_starts_with_a_bom(tmp_path):
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    env.update(TRADEOPS_DATABASE_URL=url, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "export", "orders"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\xef\xbb\xbfnumber,customer,")


def seeded_database(tmp_path, settings):
    """A database file with order SO-00002 owned by UWANG and watched by UANA."""
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    core = build_core(settings, engine=engine, notifier=RecordingNotifier(), drain="off")
    with core.write() as unit:
        team.upsert_profile(unit, SlackProfile("UWANG", "wang", locale="zh-CN"))
        team.upsert_profile(unit, SlackProfile("UANA", "ana"))
        unit.session.get(Member, "UWANG").role = "sales"
    with core.write() as unit:
        orders.save(unit, "UWANG", "command", "SO-00002", {"customer": "ACME"})
        orders.watch(unit, "UANA", "SO-00002")
    engine.dispose()
    (tmp_path / "config.toml").write_text('[channels]\norders = "CORDERS"\n', encoding="utf-8")
    (tmp_path / "stages.csv").write_text("number,stage\nSO-00002,booked\n", encoding="utf-8")
    return url


def pending_messages(url):
    with db.make_engine(url).connect() as connection:
        rows = connection.execute(select(OutboxMessage.recipient, OutboxMessage.status))
        return sorted(tuple(row) for row in rows)


def test_an_import_with_a_bot_token_sends_the_stage_changes_before_it_exits(
    tmp_path, settings, fake_slack
):
    url = seeded_database(tmp_path, settings)
    result = tradeops(
        "import",
        "orders",
        "stages.csv",
        cwd=tmp_path,
        TRADEOPS_DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_API_URL=fake_slack.api_url,
    )
    assert result.returncode == 0, result.stderr
    assert "3 messages sent to Slack." in result.stdout
    channels = sorted(call.params["channel"] for call in fake_slack.calls("chat.postMessage"))
    assert channels == ["CORDERS", "UANA", "UWANG"]
    assert pending_messages(url) == [("CORDERS", "sent"), ("UANA", "sent"), ("UWANG", "sent")]


def test_an_import_without_a_bot_token_leaves_the_messages_to_the_running_bot(tmp_path, settings):
    url = seeded_database(tmp_path, settings)
    result = tradeops("import", "orders", "stages.csv", cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "3 stage-change messages queued: the running bot sends them" in result.stdout
    assert pending_messages(url) == [
        ("CORDERS", "pending"),
        ("UANA", "pending"),
        ("UWANG", "pending"),
    ]
    help_text = tradeops("import", "orders", "--help", cwd=tmp_path).stdout
    assert "SLACK_BOT_TOKEN" in " ".join(help_text.split())


def test_a_file_that_is_not_utf8_is_refused_whole_and_nothing_is_imported(tmp_path):
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    db.upgrade(db.make_engine(url))
    rows = "".join(good_row(index).replace(",wang,", ",,") for index in range(2, 2_003))
    last = "SO-99999,宁波光明灯饰,,production,FOB,1.00,USD,2026-12-01,2027-01-05,,\n"
    (tmp_path / "gbk.csv").write_bytes((HEADER + rows + last).encode("gb18030"))
    result = tradeops("import", "orders", "gbk.csv", cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 2
    assert "is not UTF-8 text, so nothing was imported" in result.stderr
    assert count_orders(url) == 0


def count_orders(url):
    with db.make_engine(url).connect() as connection:
        return connection.execute(select(func.count()).select_from(Order)).scalar()


def test_the_labels_the_bot_shows_in_either_language_are_accepted_as_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    source = tmp_path / "orders.csv"
    source.write_text(
        "订单,客户,预计开船,预计到港,船名/航次,Port of loading,Factory / supplier\n"
        "8001,宁波光明灯饰,2026-12-05,2027-01-08,MSC Aurora 612E,Ningbo,Bright Lights\n",
        encoding="utf-8-sig",
    )
    result = tradeops("import", "orders", str(source), cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "Columns ignored" not in result.stderr
    exported = tradeops("export", "orders", cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    [row] = list(csv.DictReader(io.StringIO(exported.stdout.lstrip("\ufeff"))))
    assert (row["number"], row["etd"], row["eta"]) == ("8001", "2026-12-05", "2027-01-08")
    assert (row["vessel"], row["port_of_loading"], row["supplier"]) == (
        "MSC Aurora 612E",
        "Ningbo",
        "Bright Lights",
    )


def test_a_new_order_without_a_customer_is_a_bad_row_named_by_its_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    source = tmp_path / "orders.csv"
    source.write_text(
        "number,customer,incoterm,eta\n"
        "8001,ACME Trading,FOB,2027-01-08\n"
        "8002,,FOB,2027-01-08\n"  # line 3: no customer
        "8003,\u200b,FOB,\n"  # line 4: a customer no one can see
        "8004,,FOX,\n"  # line 5: no customer, and a bad Incoterm: both are said
        "8001,,CIF,\n",  # line 6: 8001 exists by now, so its customer stays as it is
        encoding="utf-8",
    )
    result = tradeops("import", "orders", str(source), cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 1
    needs = "A new order needs a customer"
    lines = [line for line in result.stderr.splitlines() if line.startswith("line ")]
    assert [line.split(":")[0] for line in lines] == ["line 3", "line 4", "line 5"]
    assert all(needs in line for line in lines)
    assert "`FOX` is not an Incoterm" in lines[2]
    assert "5 rows read: 1 created, 1 updated, 0 unchanged, 3 bad." in result.stdout
    exported = tradeops("export", "orders", cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    rows = list(csv.DictReader(io.StringIO(exported.stdout.lstrip("\ufeff"))))
    assert [(row["number"], row["customer"], row["incoterm"]) for row in rows] == [
        ("8001", "ACME Trading", "CIF")
    ]
