"""The weekly post (bot/summary/due.py): the summary in the managers channel, its charts
in the post's thread (the notifier uploads Rendered.files there with files_upload_v2)."""

from __future__ import annotations

from bot.notify import Outgoing
from bot.summary import WeeklySummary

from ..blocks import Rendered, context
from .charts import chart_files
from .render import summary_message


def weekly(message: Outgoing) -> Rendered:
    view = WeeklySummary.from_payload(message.payload)
    rendered = summary_message(view, message.viewer)
    files = [] if view.is_empty else chart_files(view, message.viewer)
    if files:
        hint = context(message.viewer.t("summary.charts_in_thread"))
        rendered = Rendered(rendered.text, [*rendered.blocks, hint], files)
    return rendered


NOTICES = {"summary.weekly": weekly}
