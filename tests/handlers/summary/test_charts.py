"""The summary's charts: valid PNGs whose plotted data can be read back, with Chinese
labels drawn in a CJK font, or English ones (and a warning) when there is none."""

from __future__ import annotations

import io
import logging
import math
import warnings

import pytest
from matplotlib import image

from bot.summary import Week, build
from bot.viewer import Viewer
from handlers.summary import charts
from tests.support.summary_data import MONDAY, POST_TIME, seed_week

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def summary(core):
    seed_week(core)
    with core.read(now=POST_TIME) as unit:
        return build(unit, Week(MONDAY, "Asia/Shanghai"))


def reader(language="en"):
    return Viewer("CMANAGERS", language, "Asia/Shanghai", POST_TIME)


@pytest.fixture
def no_cjk_font(monkeypatch):
    """The font lookup pointed at nothing, as on a machine without a CJK font."""
    monkeypatch.setattr(charts, "CJK_FAMILIES", ())
    monkeypatch.setattr(charts, "CJK_FILE_HINTS", ())
    charts.chinese_font.cache_clear()
    yield
    charts.chinese_font.cache_clear()


def test_the_pareto_chart_has_the_weeks_categories_most_first_and_the_cumulative_share(summary):
    figure = charts.pareto_chart(summary, reader())
    bars, share = figure.axes
    assert [bar.get_height() for bar in bars.patches] == [3, 1, 1]
    assert [label.get_text() for label in bars.get_xticklabels()] == [
        "Quality", "Delivery delay", "Packaging",
    ]  # fmt: skip
    cumulative, mark = share.lines
    assert list(cumulative.get_ydata()) == [60.0, 80.0, 100.0]
    assert list(mark.get_ydata()) == [80.0, 80.0]  # the 80 % line across the chart


def test_the_stage_chart_shows_open_orders_by_stage_in_pipeline_order(summary):
    axes = charts.stages_chart(summary.orders.by_stage, reader()).axes[0]
    assert [bar.get_height() for bar in axes.patches] == [1, 0, 1, 1, 0, 2, 0]
    assert axes.get_xticklabels()[5].get_text() == "Shipped"


def test_the_on_time_chart_shows_eight_weeks_with_gaps_where_nothing_due_was_done(summary):
    axes = charts.on_time_chart(summary.tasks.trend, reader()).axes[0]
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "10-12", "10-19", "10-26", "11-02", "11-09", "11-16", "11-23", "11-30",
    ]  # fmt: skip
    rates = list(axes.lines[0].get_ydata())
    assert len(rates) == 8 and all(math.isnan(rate) for rate in rates[:6])
    assert rates[6:] == [100.0, pytest.approx(100 / 3)]


def test_the_charts_are_valid_png_images(summary):
    files = charts.chart_files(summary, reader())
    assert [f["filename"] for f in files] == [
        "summary-2026-11-30-feedback.png", "summary-2026-11-30-orders.png",
        "summary-2026-11-30-tasks.png",
    ]  # fmt: skip
    for file in files:
        assert file["content"].startswith(PNG_SIGNATURE)
        height, width, _ = image.imread(io.BytesIO(file["content"]), format="png").shape
        assert width > 400 and height > 200


def test_chinese_labels_are_drawn_in_a_cjk_font_without_missing_glyphs(summary):
    font = charts.chinese_font()
    if font is None:
        pytest.skip("no CJK font on this machine (the Docker image and CI install one)")
    figure = charts.pareto_chart(summary, reader("zh"))
    assert figure.axes[0].get_title() == "客户反馈类别（2026-11-30 – 2026-12-06）"
    assert figure.axes[0].get_xticklabels()[0].get_text() == "质量"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.png(figure, font)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_the_default_font_would_draw_chinese_as_boxes(summary):
    """What the CJK font is for: matplotlib's own font has no Chinese glyphs."""
    figure = charts.pareto_chart(summary, reader("zh"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.png(figure)
    assert any("missing from font" in str(w.message) for w in caught)


def test_without_a_cjk_font_chinese_charts_fall_back_to_english_with_one_warning(
    summary, no_cjk_font, caplog
):
    caplog.set_level(logging.WARNING, logger="handlers.summary.charts")
    for _ in range(2):  # a second week's charts do not warn again
        files = charts.chart_files(summary, reader("zh"))
    assert files[0]["title"] == "Feedback by category (2026-11-30 – 2026-12-06)"
    warned = [r for r in caplog.records if "no font with Chinese glyphs" in r.getMessage()]
    assert len(warned) == 1
