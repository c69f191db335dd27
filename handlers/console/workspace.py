"""What the members of the console's workspace have been shown: every message, reply, modal
and App Home the bot sent, made from the calls the loopback Slack recorded, with where it
went and who can see it. `:click` and `:submit` act on these; the transcript prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .loopback import Call
from .webapi import conversation_id

MESSAGE, EDIT, EPHEMERAL, MODAL, HOME, FILE = (
    "message", "edit", "ephemeral", "modal", "home", "file",
)  # fmt: skip
ERROR_PREFIXES = (":warning:", ":face_with_head_bandage:", ":no_entry:")


@dataclass
class Shown:
    """One thing the bot showed: a message (in a DM or channel, maybe in a thread), a
    reply only one member sees, a modal, an App Home, a file."""

    number: int  # `#7`: what `:click … #7` names; an edit keeps the number it edits
    kind: str
    audience: str | None  # the one member who sees it; None: everyone in the channel
    conversation: str = ""  # "D" + member id for a DM, the channel otherwise
    ts: str = ""
    text: str = ""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    view: dict[str, Any] | None = None  # a modal or App Home
    thread_of: Shown | None = None  # the parent, when this console saw it
    thread_ts: str = ""  # the parent's ts, for a reply in a thread
    errors: dict[str, str] = field(default_factory=dict)  # a refused form: block -> message
    path: Path | None = None  # where a file was written
    requested: bool = True  # an App Home nobody opened just now is named, not shown

    @property
    def is_error(self) -> bool:
        return bool(self.errors) or self.text.lstrip().startswith(ERROR_PREFIXES)

    def sees(self, member: str) -> bool:
        return self.audience in (None, member)


@dataclass
class Route:
    """Who a response_url or trigger_id handed out belongs to, and for which message."""

    member: str
    message: Shown | None = None


class Workspace:
    def __init__(self, files: Path) -> None:
        self.files = files
        self.items: list[Shown] = []
        self.routes: dict[str, Route] = {}  # response_url name or trigger id -> whose
        self.modals: dict[str, list[Shown]] = {}  # member -> stack of open modals
        self.homes: dict[str, Shown] = {}
        self.gone: set[int] = set()  # messages deleted (delete_original)
        self._numbers = 0
        self._by_ts: dict[tuple[str, str], Shown] = {}
        self._uploads: dict[str, str] = {}  # file id -> file name
        self._bytes: dict[str, bytes] = {}

    # -- what a member can act on -----------------------------------------------------------

    def visible_to(self, member: str) -> list[Shown]:
        """Newest first, each once: the member's open modal, then what they can see (their
        App Home only when they opened it)."""
        stack = self.modals.get(member) or []
        found: dict[int, Shown] = {item.number: item for item in stack[-1:]}
        for item in reversed(self.items):
            if item.sees(member) and item.requested:
                found.setdefault(item.number, item)
        return [item for item in found.values() if item.number not in self.gone]

    def numbered(self, number: int) -> Shown | None:
        return next((item for item in self.items if item.number == number), None)

    def top_modal(self, member: str) -> Shown | None:
        stack = self.modals.get(member)
        return stack[-1] if stack else None

    # -- what the bot did -------------------------------------------------------------------

    def reply(self, member: str, body: dict[str, Any], conversation: str, ts: str) -> Shown:
        """A command's answer (its ack): only the member sees it unless it is in_channel."""
        public = body.get("response_type") == "in_channel"
        kind = MESSAGE if public else EPHEMERAL
        item = self._new(kind, None if public else member, conversation, ts, body)
        return item

    def modal_answer(self, member: str, body: dict[str, Any]) -> Shown | None:
        """What a view_submission's ack did to the member's modals."""
        stack = self.modals.setdefault(member, [])
        action = body.get("response_action")
        top = stack[-1] if stack else None
        if action == "errors" and top is not None:
            top.errors = {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
            return top
        if action in ("update", "push") and isinstance(body.get("view"), dict):
            if action == "update" and stack:
                stack.pop()
            return self._open_modal(member, body["view"])
        if action == "clear":
            stack.clear()
        elif stack:
            stack.pop()
        return None

    def take(self, calls: list[Call]) -> list[Shown]:
        """The calls since the last take, as what they showed (others are plumbing)."""
        shown = [self._take(call) for call in calls if call.answer and call.answer.get("ok")]
        return [item for item in shown if item is not None]

    def _take(self, call: Call) -> Shown | None:
        handler = TAKERS.get(call.method)
        return handler(self, call.params, call.answer or {}, call.path) if handler else None

    def _posted(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown:
        channel = str(p.get("channel", ""))
        conversation = conversation_id(channel)
        audience = channel if channel.startswith(("U", "W")) else _dm_member(conversation)
        item = self._new(MESSAGE, audience, conversation, str(answer.get("ts", "")), p)
        self._thread(item, str(p.get("thread_ts") or ""))
        return item

    def _thread(self, item: Shown, thread_ts: str) -> None:
        item.thread_ts = thread_ts
        item.thread_of = self._by_ts.get((item.conversation, thread_ts)) if thread_ts else None

    def _updated(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown:
        conversation = conversation_id(str(p.get("channel", "")))
        earlier = self._by_ts.get((conversation, str(p.get("ts", ""))))
        if earlier is None:  # sent before this console started (the demo's history)
            return self._new(EDIT, _dm_member(conversation), conversation, str(p.get("ts")), p)
        return self._edit(earlier, p)

    def _ephemeral(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown:
        conversation = conversation_id(str(p.get("channel", "")))
        return self._new(EPHEMERAL, str(p.get("user")), conversation, "", p)

    def _responded(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown | None:
        route = self.routes.get(path.rsplit("/", 1)[-1])
        if route is None:
            return None
        original = route.message
        if original is not None and _truthy(p.get("delete_original")):
            self.gone.add(original.number)
            return None
        if original is not None and _truthy(p.get("replace_original")):
            return self._edit(original, p)
        public = p.get("response_type") == "in_channel"
        conversation = original.conversation if original else "D" + route.member
        return self._new(EPHEMERAL if not public else MESSAGE,
                         None if public else route.member, conversation, "", p)  # fmt: skip

    def _view_opened(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown | None:
        route = self.routes.get(str(p.get("trigger_id", "")))
        if route is None or not isinstance(p.get("view"), dict):
            return None
        if path.endswith("views.open"):  # a new modal; views.push stacks on the open one
            self.modals[route.member] = []
        return self._open_modal(route.member, {**p["view"], **(answer.get("view") or {})})

    def _view_updated(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown | None:
        view_id = p.get("view_id") or (answer.get("view") or {}).get("id")
        for member, stack in self.modals.items():
            for index, modal in enumerate(stack):
                if modal.view and modal.view.get("id") == view_id:
                    stack[index] = self._modal(member, {**p["view"], "id": view_id}, modal.number)
                    return stack[index]
        return None

    def _published(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown:
        member = str(p.get("user_id"))
        number = self.homes[member].number if member in self.homes else None
        home = self._modal(member, {**(p.get("view") or {}), "id": "H" + member}, number)
        home.kind, home.requested = HOME, False  # the session says when it was asked for
        self.homes[member] = home
        self.items.append(home)
        return home

    def _upload_url(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> None:
        self._uploads[str(answer.get("file_id"))] = str(p.get("filename") or "file")

    def _uploaded(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> None:
        self._bytes[str(p.get("file_id"))] = p.get("data") or b""

    def _completed(self, p: dict[str, Any], answer: dict[str, Any], path: str) -> Shown | None:
        conversation = conversation_id(str(p.get("channel_id", "")))
        shown = None
        for file in p.get("files") or []:
            file_id = str(file.get("id"))
            written = self._write(file_id, self._uploads.get(file_id, file_id))
            shown = self._new(FILE, _dm_member(conversation), conversation, "", {})
            shown.text, shown.path = str(file.get("title") or written.name), written
            self._thread(shown, str(p.get("thread_ts") or ""))
        return shown

    def _write(self, file_id: str, name: str) -> Path:
        self.files.mkdir(parents=True, exist_ok=True)
        path = self.files / f"{file_id}-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}"
        path.write_bytes(self._bytes.pop(file_id, b""))
        return path

    # -- making items -----------------------------------------------------------------------

    def _new(
        self, kind: str, audience: str | None, conversation: str, ts: str, p: dict[str, Any]
    ) -> Shown:
        self._numbers += 1
        item = Shown(self._numbers, kind, audience, conversation, ts, *_content(p))
        self.items.append(item)
        if ts:
            self._by_ts[(conversation, ts)] = item
        return item

    def _edit(self, earlier: Shown, p: dict[str, Any]) -> Shown:
        earlier.text, earlier.blocks = _content(p)
        edit = Shown(earlier.number, EDIT, earlier.audience, earlier.conversation, earlier.ts,
                     earlier.text, earlier.blocks, thread_of=earlier.thread_of,
                     thread_ts=earlier.thread_ts)  # fmt: skip
        self.items.append(edit)
        return edit

    def _open_modal(self, member: str, view: dict[str, Any]) -> Shown:
        modal = self._modal(member, view)
        self.modals.setdefault(member, []).append(modal)
        return modal

    def _modal(self, member: str, view: dict[str, Any], number: int | None = None) -> Shown:
        if number is None:
            self._numbers += 1
            number = self._numbers
        blocks = list(view.get("blocks") or [])
        return Shown(number, MODAL, member, "", "", "", blocks, view=dict(view))


TAKERS = {
    "chat.postMessage": Workspace._posted,
    "chat.update": Workspace._updated,
    "chat.postEphemeral": Workspace._ephemeral,
    "response_url": Workspace._responded,
    "views.open": Workspace._view_opened,
    "views.push": Workspace._view_opened,
    "views.update": Workspace._view_updated,
    "views.publish": Workspace._published,
    "files.getUploadURLExternal": Workspace._upload_url,
    "file_upload": Workspace._uploaded,
    "files.completeUploadExternal": Workspace._completed,
}


def _content(p: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    blocks = p.get("blocks")
    return str(p.get("text") or ""), list(blocks) if isinstance(blocks, list) else []


def _dm_member(conversation: str) -> str | None:
    return conversation[1:] if conversation.startswith("D") else None


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in {"1", "true"}
