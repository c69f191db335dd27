"""The interactive prompt: what Tab offers, and a session typed through prompt_toolkit."""

from __future__ import annotations

from prompt_toolkit.application import create_app_session
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from handlers.console.prompt import LineCompleter, interact


def offered(console, text: str) -> list[str]:
    completer = LineCompleter(console.lines)
    found = completer.get_completions(Document(text), CompleteEvent(completion_requested=True))
    return [completion.text for completion in found]


def test_tab_completes_console_commands_and_slash_commands(console):
    assert offered(console, ":a") == [":as", ":at"]
    assert "/order" in offered(console, "/") and "/standup" in offered(console, "/")


def test_tab_completes_subcommands_and_member_names(console):
    assert "status" in offered(console, "/order st")
    assert offered(console, ":as @ca") == ["@carmen"]
    assert offered(console, "/task add Call Hanse @lu") == ["@luis"]


def test_tab_completes_the_buttons_you_see_and_the_fields_of_the_open_form(console):
    console.type("/order status 1042")
    assert offered(console, ":click H") == ["History"]
    console.type("/standup")
    assert offered(console, ":submit to") == ["today="]


def test_a_session_typed_at_the_prompt_runs_each_line_and_keeps_the_history(console, tmp_path):
    history = tmp_path / "history"
    with create_pipe_input() as typed, create_app_session(input=typed, output=DummyOutput()):
        typed.send_text("/order status 1042\r:who\r:quit\r")
        code = interact(console.lines, history, input=typed, output=DummyOutput())
    assert code == 0
    assert "Order 1042 · Iberia Home Supplies S.L." in console.output.getvalue()
    assert "Carmen Ruiz @carmen" in console.output.getvalue()
    assert "/order status 1042" in history.read_text(encoding="utf-8")
