"""The interactive prompt (prompt_toolkit): line editing, history kept across sessions, and
completion of console commands, slash commands and their subcommands, @members, the
buttons `:click` can press and the fields `:submit` can fill."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, History, InMemoryHistory

from .forms import buttons, fields
from .lines import Lines
from .transcript import clock_text
from .workspace import Shown


def interact(lines: Lines, history: Path | None, **terminal: Any) -> int:
    """Prompt until :quit or Ctrl-D (`terminal`: prompt_toolkit's input and output)."""
    session: PromptSession[str] = PromptSession(
        history=_history(history),
        completer=LineCompleter(lines),
        complete_while_typing=True,
        **terminal,
    )
    while True:
        try:
            line = session.prompt(
                lambda: f"{lines.me.handle} ❯ ", bottom_toolbar=lambda: _toolbar(lines)
            )
        except KeyboardInterrupt:
            continue
        except EOFError:
            return 0
        if lines.run(line).quit:
            return 0


def _history(path: Path | None) -> History:
    if path is None:
        return InMemoryHistory()
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileHistory(str(path))


def _toolbar(lines: Lines) -> str:
    me = lines.me
    return f" {me.name} · {clock_text(lines.session.clock.now(), me)} · :help"


class LineCompleter(Completer):
    def __init__(self, lines: Lines) -> None:
        self.lines = lines

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterator[Completion]:
        before = document.text_before_cursor
        word = document.get_word_before_cursor(WORD=True)
        yield from _starting(word, self._offered(before.lstrip(), word))

    def _offered(self, before: str, word: str) -> Iterable[str]:
        first, _, rest = before.partition(" ")
        if not _:
            return [*self.lines.commands, *self.lines.session.slash_commands()]
        if word.startswith("@"):
            return self.lines.session.directory.handles()
        if first == ":click":
            return [b.label for item in self._visible() for b in buttons(item.blocks)]
        if first == ":submit":
            return [f"{f.block_id}=" for f in fields(self._modal_blocks())]
        if first.startswith("/") and " " not in rest:
            return self.lines.session.subcommands(first)
        return []

    def _visible(self) -> list[Shown]:
        return self.lines.session.workspace.visible_to(self.lines.session.me)

    def _modal_blocks(self) -> list[dict[str, Any]]:
        modal = self.lines.session.workspace.top_modal(self.lines.session.me)
        return modal.blocks if modal else []


def _starting(word: str, offered: Iterable[str]) -> Iterator[Completion]:
    folded = word.casefold()
    for choice in dict.fromkeys(offered):
        if choice.casefold().startswith(folded) and choice != word:
            yield Completion(choice, start_position=-len(word))
