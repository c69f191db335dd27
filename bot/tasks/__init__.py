"""Tasks: the team's shared to-do list.

Public API. The Slack side calls the entry points that open their own unit: `show`,
`list_page`, `home` (reads) and `add`, `add_from_form`, `set_status`, `reassign`,
`reschedule`, `postpone`, `add_comment` (writes). For other bot code (the scheduler in
particular) the building blocks take a unit: `get`, `detail`, `open_tasks(unit,
overdue_only=True)`, and `create`, `complete`, `reopen`, `cancel`, `assign`, `set_due`,
`snooze`, `comment`. Command words are read, in the one command grammar (bot.grammar), by
`parse_add`, `task_id_only`, `assign_args`, `due_args`, `list_args`, `parse_task_id`,
`split_task_id` and `list_scope`; the form's fields arrive as a `TaskForm`.
"""

from __future__ import annotations

from storage.models.tasks import CANCELLED, DONE, OPEN, TITLE_MAX

from .parsing import (
    NewTask,
    TaskForm,
    assign_args,
    due_args,
    list_args,
    list_scope,
    parse_add,
    parse_task_id,
    split_task_id,
    task_id_only,
)
from .queries import detail, get, home, list_page, open_tasks, show
from .service import (
    PRIORITIES,
    add,
    add_comment,
    add_from_form,
    assign,
    cancel,
    comment,
    complete,
    create,
    postpone,
    reassign,
    reopen,
    reschedule,
    set_due,
    set_status,
    snooze,
)
from .views import (
    Change,
    EventView,
    MessageLink,
    TaskDetail,
    TaskHome,
    TaskList,
    TaskView,
    noticed_task,
)

__all__ = [
    "CANCELLED",
    "DONE",
    "OPEN",
    "PRIORITIES",
    "TITLE_MAX",
    "Change",
    "EventView",
    "MessageLink",
    "NewTask",
    "TaskDetail",
    "TaskForm",
    "TaskHome",
    "TaskList",
    "TaskView",
    "add",
    "add_comment",
    "add_from_form",
    "assign",
    "assign_args",
    "cancel",
    "comment",
    "complete",
    "create",
    "detail",
    "due_args",
    "get",
    "home",
    "list_args",
    "list_page",
    "list_scope",
    "noticed_task",
    "open_tasks",
    "parse_add",
    "parse_task_id",
    "postpone",
    "reassign",
    "reopen",
    "reschedule",
    "set_due",
    "set_status",
    "show",
    "snooze",
    "split_task_id",
    "task_id_only",
]
