"""How the transcript shows Slack's messages: mrkdwn, mentions by name, emoji, fields,
buttons, threads under their parent, edits in place, and files written to a folder."""

from __future__ import annotations

import io

from rich.console import Console
from slack_sdk import WebClient

from handlers.console.loopback import LoopbackSlack
from handlers.console.render import message
from handlers.console.richtext import mrkdwn
from handlers.console.workspace import FILE, Workspace

NAMES = {"UWANG": "Wang Fang"}.get


def printed(renderable) -> str:
    output = io.StringIO()
    Console(file=output, width=120).print(renderable)
    return "\n".join(line.rstrip() for line in output.getvalue().splitlines())


def test_mrkdwn_shows_names_for_mentions_emoji_and_no_markup_characters():
    text = mrkdwn(
        ":white_check_mark: *Production* for <@UWANG> · `CSQU3054383` _since_ ~never~ "
        "&lt;b&gt; <https://example.com|the card>\n> quoted",
        lambda member: NAMES(member, member),
    )
    assert text.plain == (
        "✅ Production for @Wang Fang · CSQU3054383 since never <b> the card\n▌ quoted"
    )
    assert any("bold" in str(span.style) for span in text.spans)


def test_a_card_shows_its_header_fields_context_and_buttons():
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Order 1042"}},
        {"type": "section", "fields": [
            {"type": "mrkdwn", "text": "*Vessel*\nMSC AURORA 612E"},
            {"type": "mrkdwn", "text": "*B/L*\n`MEDUNB123456`"},
        ]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "changed by <@UWANG>"}]},
        {"type": "divider"},
        {"type": "image", "image_url": "https://x/chart.png", "alt_text": "Orders by stage"},
        {"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Watch"}, "style": "primary",
             "action_id": "orders.watch"},
            {"type": "button", "text": {"type": "plain_text", "text": "History"},
             "action_id": "orders.history"},
        ]},
    ]  # fmt: skip
    shown = printed(message("fallback", blocks, lambda member: NAMES(member, member)))
    lines = shown.splitlines()
    assert lines[0] == "Order 1042"
    assert lines[1].startswith("Vessel") and "B/L" in lines[1]
    assert lines[2].startswith("MSC AURORA 612E") and "MEDUNB123456" in lines[2]
    assert "changed by @Wang Fang" in shown
    assert "🖼  Orders by stage — https://x/chart.png" in shown
    assert lines[-1] == "[Watch] [History]"


def test_a_file_the_bot_uploads_is_written_to_the_folder_and_shown_by_its_path(tmp_path):
    with LoopbackSlack() as slack:
        client = WebClient(base_url=slack.api_url, token="xoxb-console")
        posted = client.chat_postMessage(channel="#trade-managers", text="Weekly summary")
        client.files_upload_v2(
            channel="#trade-managers",
            thread_ts=posted["ts"],
            filename="pareto.png",
            content=b"\x89PNG chart",
            title="Feedback by category",
        )
        workspace = Workspace(tmp_path / "files")
        shown = workspace.take(slack.calls())
    [summary, file] = shown
    assert file.kind == FILE and file.text == "Feedback by category"
    assert file.thread_of is summary  # in the summary's thread, beside what it shows
    assert file.path is not None and file.path.read_bytes() == b"\x89PNG chart"
    assert file.path.parent == tmp_path / "files" and file.path.name.endswith("pareto.png")


def test_a_thread_reply_sits_under_its_parent_and_an_edit_keeps_its_number(tmp_path):
    with LoopbackSlack() as slack:
        client = WebClient(base_url=slack.api_url, token="xoxb-console")
        parent = client.chat_postMessage(channel="#standup", text="Standup Monday")
        client.chat_postMessage(channel="#standup", text="Ana: quotes", thread_ts=parent["ts"])
        client.chat_update(channel="#standup", ts=parent["ts"], text="Standup Monday (closed)")
        shown = Workspace(tmp_path).take(slack.calls())
    first, reply, edit = shown
    assert reply.thread_of is first and reply.thread_ts == parent["ts"]
    assert edit.kind == "edit" and edit.number == first.number
    assert first.text == "Standup Monday (closed)"  # the message itself now reads so


def test_what_went_to_someone_else_is_one_line_and_yours_in_full(console):
    console.type(":at 2026-12-07 09:30")
    # Ana's own DMs (her morning list of late things, then the prompt) are shown in full.
    mine = console.text.split("DM to Ana García")[1:]
    assert any(dm.splitlines()[1].strip().startswith("Good morning!") for dm in mine)
    others = [line for line in console.text.splitlines() if "DM to Wang Fang" in line]
    assert others and all(line.split("DM to Wang Fang")[1].strip() for line in others)
    assert "早上好！daily 站会时间到了" in others[0]
    assert "昨天完成了什么？" not in console.text  # the rest of Wang's prompt is his to read
