"""Shared fixtures: a migrated database per test (SQLite, and PostgreSQL when
TRADEOPS_TEST_DATABASE_URL is set), settings, the fake Slack, and the bot wired to them."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bot.bootstrap import build_core, build_slack, make_slack_client
from bot.config import Settings, SlackEnv, parse_file_config
from storage import db
from storage.models import Base
from tests.support.driver import SIGNING_SECRET, Driver
from tests.support.fake_slack import FakeSlack

POSTGRES_URL = os.environ.get("TRADEOPS_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (much faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """A database of its own for this test session, so parallel runs do not collide."""
    assert POSTGRES_URL
    admin_url = make_url(db.normalize_url(POSTGRES_URL))
    name = f"tradeops_test_{uuid.uuid4().hex[:10]}"
    admin = db.make_engine(
        admin_url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = db.make_engine(admin_url.set(database=name).render_as_string(hide_password=False))
    db.upgrade(engine)
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path / "tradeops.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        engine = db.make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    engine = request.getfixturevalue("postgres_engine")
    yield engine
    _empty_all_tables(engine)


def _empty_all_tables(engine: Engine) -> None:
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def make_settings(api_url: str | None = None, **sections: Any) -> Settings:
    """Settings as a config file with these sections would give, plus test Slack values."""
    return Settings(
        file=parse_file_config(sections),
        database_url="unused-in-tests",
        slack=SlackEnv(
            bot_token="xoxb-test",
            app_token="xapp-test",
            signing_secret=SIGNING_SECRET,
            api_url=api_url,
        ),
        webhook_token="test-webhook-token",
    )


@pytest.fixture
def settings() -> Settings:
    return make_settings(
        team={"timezone": "Asia/Shanghai", "admins": ["UADMIN"]},
        channels={
            "managers": "CMANAGERS",
            "orders": "CORDERS",
            "team": "CTEAM",
            "standup_digest": "CSTANDUP",
        },
    )


@pytest.fixture(scope="session")
def fake_slack_server() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(fake_slack_server: FakeSlack) -> FakeSlack:
    fake_slack_server.reset_all()  # each test starts from an empty workspace
    return fake_slack_server


@pytest.fixture
def slack_client(fake_slack: FakeSlack) -> WebClient:
    return make_slack_client(make_settings(api_url=fake_slack.api_url))


@pytest.fixture
def core(settings: Settings, engine: Engine, slack_client: WebClient) -> Any:
    return build_core(
        settings, engine=engine, slack_client=slack_client, drain="inline", upgrade=False
    )


@pytest.fixture
def slack(settings: Settings, core: Any, slack_client: WebClient, fake_slack: FakeSlack) -> Driver:
    """The whole bot behind its WSGI front, answering synchronously so tests can assert."""
    side = build_slack(settings, core=core, client=slack_client, process_before_response=True)
    return Driver(side, fake_slack)


@pytest.fixture
def unit(core: Any) -> Iterator[Any]:
    with core.write() as unit:
        yield unit
