"""Reading tasks a page at a time: the pages, in SQL, hold the open tasks in list order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import tasks, team
from bot.team import SlackProfile


@pytest.fixture
def ana_with_45_tasks(core):
    """45 open tasks of ana's, some sharing a due time, every fourth without one."""
    with core.write() as unit:
        team.upsert_profile(unit, SlackProfile(slack_id="UANA", name="ana"))
        for number in range(45):
            due = None if number % 4 == 0 else unit.now + timedelta(hours=1 + number % 7)
            tasks.create(unit, "UANA", f"Task {number}", due_at=due)
        return [task.id for task in tasks.open_tasks(unit)]


def test_the_pages_of_a_list_hold_the_open_tasks_in_order_and_clamp_to_the_last(
    core, ana_with_45_tasks
):
    pages = [tasks.list_page(core, "UANA", "mine", None, number).page for number in (1, 2, 3)]
    assert [len(page.items) for page in pages] == [20, 20, 5]
    assert [task.id for page in pages for task in page.items] == ana_with_45_tasks
    assert {(page.pages, page.total) for page in pages} == {(3, 45)}
    beyond = tasks.list_page(core, "UANA", "mine", None, 9).page
    assert (beyond.number, beyond.items) == (3, pages[2].items)


def test_app_home_holds_the_soonest_forty_and_counts_the_rest(core, ana_with_45_tasks):
    home = tasks.home(core, "UANA")
    assert [task.id for task in home.tasks] == ana_with_45_tasks[:40]
    assert home.hidden == 5
    assert home.owner.member_id == "UANA"
    assert tasks.home(core, "UNOBODY") is None
