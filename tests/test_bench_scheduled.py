"""The benchmark's scheduler and import sections run end to end at a tiny scale: every row
is there with a figure, the fan-out posts each prompt once, the import takes every row.
Behaviour only; the figures themselves are the benchmark's business."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import importing, scheduled
from bench.context import Context
from bench.scale import Scale


@pytest.fixture
def context(tmp_path: Path) -> Context:
    made = Context(None, tmp_path, quick=True)
    made.scale = Scale.tiny()
    yield made
    made.close()


def test_tick_rows_have_figures(context: Context) -> None:
    rows = scheduled.measure_tick(context)
    assert [row.what.split(",")[0] for row in rows][:1] == ["tick: first at NOW (catch-up)"]
    first, queued = rows[0], rows[1]
    assert first.value > 0 and first.baseline and first.baseline > 0
    assert queued.value > 0  # the seeded year's overdue things start their chains
    later = rows[2]
    assert later.value > 0 and later.met is not None


def test_summary_rows_have_the_build_beside_its_baseline_and_the_rendering(
    context: Context,
) -> None:
    built, rendered = scheduled.measure_summary(context)
    assert built.value > 0 and built.baseline and built.baseline > 0
    assert rendered.value > 0 and rendered.met is None  # for information


def test_fan_out_posts_every_prompt_once_despite_rate_limits(context: Context) -> None:
    sent, duplicates, losses = scheduled.measure_fanout(context)
    assert sent.value > 0
    assert "answered 429" in sent.what and not sent.what.endswith(" 0 answered 429")
    assert (duplicates.value, losses.value) == (0, 0)


def test_import_takes_every_row_at_both_sizes(context: Context) -> None:
    small, large, linear = importing.measure(context)
    for row, size in ((small, 500), (large, 2_500)):
        assert f"{size:,} rows, {size:,} imported" in row.what
        assert row.value > 0 and row.baseline and row.baseline > 0
    assert linear.value > 0
