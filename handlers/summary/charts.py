"""The weekly summary's charts as PNG images (matplotlib, headless Agg), posted in the
summary's thread: a Pareto chart of feedback by category, open orders by stage, and the
on-time task rate over the last 8 weeks.

Labels are in the reader's language. Chinese needs a font with CJK glyphs (the Docker image
installs Noto Sans CJK); without one the charts fall back to English labels, with one logged
warning, rather than show boxes. Figures are built with the object API (no pyplot), so
charts drawn on several threads at once do not share state.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: no display on a server

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from bot.summary import Row, WeeklySummary, WeekRate
from bot.viewer import Viewer

from ..feedback.render import category_name

log = logging.getLogger(__name__)

# Families with Chinese glyphs, best first; and words in font file names that mark them.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN", "Microsoft YaHei", "SimHei",
    "PingFang SC", "Noto Sans CJK JP", "Noto Serif CJK SC",
)  # fmt: skip
CJK_FILE_HINTS = ("notosanscjk", "sourcehansans", "wqy", "droidsansfallback", "uming", "simhei")
PARETO_MARK = 80.0
SIZE = (8, 4.5)
DPI = 110


def find_cjk_font() -> str | None:
    """The name of an installed font family that has Chinese glyphs, or None."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    found = next((family for family in CJK_FAMILIES if family in known), None)
    if found or not CJK_FILE_HINTS:
        return found
    # matplotlib's font list is cached: a font installed after it was built is looked for.
    for path in font_manager.findSystemFonts():
        if any(hint in Path(path).name.lower() for hint in CJK_FILE_HINTS):
            font_manager.fontManager.addfont(path)
            return str(font_manager.FontProperties(fname=path).get_name())
    return None


@cache
def chinese_font() -> str | None:
    """The CJK font, looked for once; warns once when there is none."""
    found = find_cjk_font()
    if found is None:
        log.warning("no font with Chinese glyphs found; summary charts use English labels "
                    "(install one, e.g. Debian's fonts-noto-cjk)")  # fmt: skip
    return found


def _font_and_language(language: str) -> tuple[str | None, str]:
    """The font to draw with (None: matplotlib's default) and the labels' language."""
    if language != "zh":
        return None, language
    font = chinese_font()
    return (font, "zh") if font else (None, "en")


def chart_files(view: WeeklySummary, viewer: Viewer) -> list[dict[str, Any]]:
    """The charts that have something to show, as files for Rendered.files."""
    font, language = _font_and_language(viewer.language)
    labels = Viewer(viewer.member_id, language, viewer.timezone, viewer.now)
    week = view.monday.isoformat()
    charts = []
    if view.feedback.categories:
        charts.append(("feedback", pareto_chart(view, labels)))
    if any(row.value for row in view.orders.by_stage):
        charts.append(("orders", stages_chart(view.orders.by_stage, labels)))
    if any(each.rate is not None for each in view.tasks.trend):
        charts.append(("tasks", on_time_chart(view.tasks.trend, labels)))
    return [
        {"filename": f"summary-{week}-{name}.png", "content": png(figure, font),
         "title": figure.axes[0].get_title()}
        for name, figure in charts
    ]  # fmt: skip


def png(figure: Figure, font: str | None = None) -> bytes:
    """The figure as PNG bytes, every text drawn in `font` when one is given."""
    if font:
        properties = FontProperties(family=[font, "DejaVu Sans"])
        for text in figure.findobj(Text):
            text.set_fontproperties(properties)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def cumulative_percent(counts: Sequence[float]) -> list[float]:
    total = sum(counts)
    running, shares = 0.0, []
    for value in counts:
        running += value
        shares.append(100 * running / total if total else 0.0)
    return shares


def pareto_chart(view: WeeklySummary, viewer: Viewer) -> Figure:
    """Bars: this week's feedback by category, most first; line: the cumulative share,
    with the 80 % mark (the few categories that make most of the complaints)."""
    rows = view.feedback.categories
    counts = [float(row.value or 0) for row in rows]
    names = [category_name(row.key, viewer) for row in rows]
    figure = Figure(figsize=SIZE)
    bars = figure.add_subplot()
    bars.bar(names, counts, color="#1d4e89")
    bars.set_ylabel(viewer.t("summary.chart.pareto_count"))
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    first, last = view.monday.isoformat(), view.sunday.isoformat()
    bars.set_title(viewer.t("summary.chart.pareto_title", first=first, last=last))
    share = bars.twinx()
    share.plot(names, cumulative_percent(counts), color="#d9822b", marker="o")
    share.axhline(PARETO_MARK, color="#888888", linestyle="--", linewidth=1)
    share.annotate(viewer.t("summary.chart.pareto_mark"), (0, PARETO_MARK), va="bottom")
    share.set_ylim(0, 105)
    share.set_ylabel(viewer.t("summary.chart.pareto_share"))
    bars.tick_params(axis="x", labelrotation=30)
    return figure


def stages_chart(rows: Sequence[Row], viewer: Viewer) -> Figure:
    figure = Figure(figsize=SIZE)
    axes = figure.add_subplot()
    axes.bar([row.label(viewer.language) for row in rows],
             [float(row.value or 0) for row in rows], color="#2b8a3e")  # fmt: skip
    axes.set_title(viewer.t("summary.chart.stages_title"))
    axes.set_ylabel(viewer.t("summary.chart.stages_count"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelrotation=30)
    return figure


def on_time_chart(trend: Sequence[WeekRate], viewer: Viewer) -> Figure:
    """The on-time rate week by week; a week with nothing due done leaves a gap."""
    figure = Figure(figsize=SIZE)
    axes = figure.add_subplot()
    weeks = [each.monday.strftime("%m-%d") for each in trend]
    rates = [float("nan") if each.rate is None else 100 * each.rate for each in trend]
    positions = list(range(len(weeks)))  # every week keeps its place, measured or not
    axes.plot(positions, rates, color="#1d4e89", marker="o")
    axes.set_xticks(positions, weeks)
    axes.set_xlim(-0.5, len(weeks) - 0.5)
    axes.set_ylim(0, 105)
    axes.set_title(viewer.t("summary.chart.on_time_title"))
    axes.set_ylabel(viewer.t("summary.chart.on_time_share"))
    axes.set_xlabel(viewer.t("summary.chart.on_time_week"))
    return figure
