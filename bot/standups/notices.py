"""What the standups tell people, through the outbox. Each message is keyed by its entry or
day, so it is queued once however often the tick, a button or a submission runs again.

Kinds (rendered by handlers/standups/notices.py):
- standups.prompt        DM: the questions, Answer / Skip today
- standups.prompt_closed update of the prompt: answered (with Edit) or skipped
- standups.reminder      DM: still waiting for your answer
- standups.digest        the day's parent message in the digest channel
- standups.answer        a member's answers, in the day's thread (an edit updates it)
- standups.missing       the thread's closing line: who did not answer, by name
- standups.blocker       DM to the manager: a blocker, with I'll help
- standups.helping       DM to the member: who is helping
- standups.helping_note  the same, noted in the thread
"""

from __future__ import annotations

from typing import Any

from storage.models import StandupDay, StandupEntry

from .. import outbox
from ..config import StandupConfig
from ..team import MemberView
from ..unit import Unit


def _questions(standup: StandupConfig) -> list[dict[str, str]]:
    return [{"key": q.key, "en": q.en, "zh": q.zh} for q in standup.questions]


def prompt(unit: Unit, standup: StandupConfig, entry: StandupEntry) -> bool:
    payload = {"entry": entry.id, "standup": standup.name, "day": entry.day.isoformat()}
    payload["questions"] = _questions(standup)  # type: ignore[assignment]
    return outbox.enqueue(unit, _prompt_key(entry), "standups.prompt", entry.member_id, payload)


def _prompt_key(entry: StandupEntry) -> str:
    return f"standups.prompt:{entry.key}"


def prompt_closed(unit: Unit, entry: StandupEntry) -> bool:
    """The prompt DM turns into "answered" (with Edit) or "skipped", once per state."""
    payload = {
        "entry": entry.id, "standup": entry.standup, "day": entry.day.isoformat(),
        "status": entry.status, outbox.UPDATE_KEY: _prompt_key(entry),
    }  # fmt: skip
    key = f"standups.prompt:{entry.key}:{entry.status}"
    return outbox.enqueue(unit, key, "standups.prompt_closed", entry.member_id, payload)


def reminder(unit: Unit, standup: StandupConfig, entry: StandupEntry) -> bool:
    payload = {"entry": entry.id, "standup": standup.name, "day": entry.day.isoformat()}
    key = f"standups.reminder:{entry.key}"
    return outbox.enqueue(unit, key, "standups.reminder", entry.member_id, payload)


def digest(unit: Unit, day: StandupDay) -> str | None:
    """The day's parent message (queued with the first answer); its key, or None when the
    standup has no channel to post in."""
    if not day.channel:
        return None
    key = f"standups.digest:{day.key}"
    payload = {"standup": day.standup, "day": day.day.isoformat()}
    outbox.enqueue(unit, key, "standups.digest", day.channel, payload)
    return key


def answer(
    unit: Unit, day: StandupDay, entry: StandupEntry, member: MemberView, standup: StandupConfig
) -> bool:
    """The member's answers in the day's thread: the first submission posts, later ones
    update that same reply."""
    parent = digest(unit, day)
    if parent is None:
        return False
    reply_key = f"standups.answer:{entry.key}"
    payload: dict[str, Any] = {
        "member": member.slack_id, "name": member.name, "day": entry.day.isoformat(),
        "answers": _answered(standup, entry), "blocker": entry.has_blocker,
        outbox.THREAD_KEY: parent,
    }  # fmt: skip
    if entry.revision > 1:
        payload[outbox.UPDATE_KEY] = reply_key
        reply_key = f"{reply_key}:{entry.revision}"
    return outbox.enqueue(unit, reply_key, "standups.answer", day.channel, payload)


def _answered(standup: StandupConfig, entry: StandupEntry) -> list[dict[str, str]]:
    given = entry.answers or {}
    return [
        {"key": q.key, "en": q.en, "zh": q.zh, "text": given[q.key]}
        for q in standup.questions
        if given.get(q.key)
    ]


def blocker(unit: Unit, entry: StandupEntry, member: MemberView, text: str) -> bool:
    """The member's manager hears of a blocker once per standup day."""
    if not member.manager_id:
        return False
    payload = {"entry": entry.id, "member": member.slack_id, "name": member.name,
               "day": entry.day.isoformat(), "blocker": text}  # fmt: skip
    key = f"standups.blocker:{entry.key}"
    return outbox.enqueue(unit, key, "standups.blocker", member.manager_id, payload)


def helping(unit: Unit, day: StandupDay, entry: StandupEntry) -> None:
    """Tell the member who is helping, and note it in the day's thread."""
    payload = {"helper": entry.helper_id, "member": entry.member_id, "day": entry.day.isoformat()}
    key = f"standups.helping:{entry.key}"
    outbox.enqueue(unit, key, "standups.helping", entry.member_id, payload)
    parent = digest(unit, day)
    if parent is not None:
        note = {**payload, outbox.THREAD_KEY: parent}
        outbox.enqueue(unit, f"{key}:note", "standups.helping_note", day.channel, note)


def missing(unit: Unit, day: StandupDay, people: list[MemberView]) -> bool:
    """The day's closing line: who did not answer, by name (no @-mentions), or that all did."""
    parent = digest(unit, day) if people or _anyone_answered(unit, day) else None
    if parent is None:
        return False
    names = sorted(person.name for person in people)
    payload = {"day": day.day.isoformat(), "names": names, outbox.THREAD_KEY: parent}
    return outbox.enqueue(
        unit, f"standups.missing:{day.key}", "standups.missing", day.channel, payload
    )


def _anyone_answered(unit: Unit, day: StandupDay) -> bool:
    return outbox.exists(unit, f"standups.digest:{day.key}")
