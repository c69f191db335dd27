"""The team: members, roles, the reports-to chain, languages, and who may do what.

Public API for other features: `find(unit, id)`, `get(unit, id)`, `roster(unit)`,
`management_chain(unit, id)`, `may_act_for(unit, actor, *people)` (the one permission rule),
`has_role(unit, actor, *roles)`, `with_role(unit, role)`, `members_among(unit, ids)` and
`hold_with_managers(unit, ids)` (many members at once, for a tick), `find_by_name(unit,
name)` and `upsert_profile(unit, profile)`. The Slack side calls the entry points that open
their own unit: `member`, `person_named`, `active_members`, `check_admin` (reads) and
`learn`, `sync`, `set_role`, `set_manager`, `set_language`, `set_timezone`, `set_country`,
`set_workdays` (writes).
`calendar_of(unit, member)` gives the days a member works (bot.workdays); `country_args` and
`workdays_args` read `/team country` and `/team workdays` text.
"""

from __future__ import annotations

from .above import hold_with_managers
from .parsing import ForSomeone, country_args, workdays_args
from .queries import (
    active_members,
    check_admin,
    find,
    find_by_name,
    get,
    has_role,
    is_admin,
    management_chain,
    may_act_for,
    member,
    member_in,
    members_among,
    person_named,
    require_admin,
    roster,
    roster_in,
    with_role,
    zones_in_use,
)
from .service import (
    learn,
    set_country,
    set_language,
    set_manager,
    set_role,
    set_timezone,
    set_workdays,
    sync,
    sync_in,
    upsert_profile,
)
from .views import (
    MemberView,
    SlackProfile,
    SyncResult,
    calendar_of,
    effective_role,
    valid_zone,
    view,
)

__all__ = [
    "ForSomeone",
    "MemberView",
    "SlackProfile",
    "SyncResult",
    "active_members",
    "calendar_of",
    "check_admin",
    "country_args",
    "effective_role",
    "find",
    "find_by_name",
    "get",
    "has_role",
    "hold_with_managers",
    "is_admin",
    "learn",
    "management_chain",
    "may_act_for",
    "member",
    "member_in",
    "members_among",
    "person_named",
    "require_admin",
    "roster",
    "roster_in",
    "set_country",
    "set_language",
    "set_manager",
    "set_role",
    "set_timezone",
    "set_workdays",
    "sync",
    "sync_in",
    "upsert_profile",
    "valid_zone",
    "view",
    "with_role",
    "workdays_args",
    "zones_in_use",
]
