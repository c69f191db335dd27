"""Reading tasks: one in full, lists a page at a time, a member's App Home.

Lists are sorted by due time (tasks without one last), then by id. For the scheduler:
`open_tasks(unit, overdue_only=True)` is every open task whose due time has passed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, select

from storage.models import Task, TaskComment, TaskEvent
from storage.models.tasks import OPEN

from .. import team
from ..comments import CommentView
from ..core import Core
from ..errors import NotFound
from ..paging import fetch_page
from ..unit import Unit
from ..viewer import Viewer
from . import own
from .views import EventView, TaskDetail, TaskHome, TaskList, TaskView, task_view

LIST_PAGE_SIZE = 20
HOME_TASKS = 40  # a Home view holds 100 blocks; it takes two per task plus headings
SCOPES = ("mine", "team", "overdue", "person")


def show(core: Core, task_id: int) -> TaskDetail:
    """`/task show`: the task with its comments and history (a read)."""
    with core.read() as unit:
        return detail(unit, task_id)


def list_page(core: Core, viewer_id: str, scope: str, person: str | None, number: int) -> TaskList:
    """Page `number` of the open tasks in `scope`; `mine` are the viewer's own."""
    scope = scope if scope in SCOPES else "mine"
    assignee_id = person if scope == "person" else viewer_id
    if scope in ("mine", "person") and assignee_id is not None:
        with core.lookup() as lookup:
            own_page = own.open_page(lookup, assignee_id, number, LIST_PAGE_SIZE)
        return TaskList(scope, person, own_page)
    with core.read() as unit:
        query = _scoped(unit, viewer_id, scope, person)
        page = fetch_page(unit.session, query, number, _viewing(unit), size=LIST_PAGE_SIZE)
    return TaskList(scope, person, page)


def home(core: Core, member_id: str) -> TaskHome | None:
    """What the member's App Home shows, or None when the bot has not met them."""
    with core.lookup() as lookup:
        member = team.member_in(lookup, member_id)
        if member is None:
            return None
        page = own.open_page(lookup, member_id, 1, HOME_TASKS)
    return TaskHome(Viewer.of(member, lookup.now), page.items, page.total - len(page.items))


def get(unit: Unit, task_id: int) -> TaskView:
    task = unit.session.get(Task, task_id)
    if task is None:
        raise NotFound("tasks.error.not_found", id=task_id)
    return task_view(task, unit.now)


def detail(unit: Unit, task_id: int) -> TaskDetail:
    task = get(unit, task_id)
    comments = unit.session.scalars(
        select(TaskComment).where(TaskComment.task_id == task_id).order_by(TaskComment.id)
    )
    events = unit.session.scalars(
        select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)
    )
    return TaskDetail(
        task,
        tuple(CommentView(c.author_id, c.text, c.created_at) for c in comments),
        tuple(EventView(e.actor_id, e.kind, dict(e.detail), e.at) for e in events),
    )


def open_tasks(
    unit: Unit, *, assignee_id: str | None = None, overdue_only: bool = False
) -> list[TaskView]:
    """Open tasks (of one assignee, or everyone's), soonest due first."""
    query = _open_query(unit, assignee_id=assignee_id, overdue_only=overdue_only)
    return [task_view(task, unit.now) for task in unit.session.scalars(query)]


def _scoped(unit: Unit, viewer_id: str, scope: str, person: str | None) -> Select[Any]:
    if scope == "team":
        return _open_query(unit)
    if scope == "overdue":
        return _open_query(unit, overdue_only=True)
    return _open_query(unit, assignee_id=person if scope == "person" else viewer_id)


def _open_query(
    unit: Unit, *, assignee_id: str | None = None, overdue_only: bool = False
) -> Select[Any]:
    query = select(Task).where(Task.status == OPEN)
    if assignee_id is not None:
        query = query.where(Task.assignee_id == assignee_id)
    if overdue_only:
        query = query.where(Task.due_at < unit.now)
    return query.order_by(Task.due_at.is_(None), Task.due_at, Task.id)


def _viewing(unit: Unit) -> Callable[[Task], TaskView]:
    return lambda task: task_view(task, unit.now)
