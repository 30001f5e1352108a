"""The brushable bar chart of counts per month above the table (issue 12), one for mentions and
events alike: dragging across it sets the dates (key ``w_brush``; ``ui.app`` reads the brush)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from mapapp.store.filters import Filters

# Vega expression: a month index back to "YYYY-MM" (any year 1 to 9999, which dates cannot show)
_LABELS = "floor(datum.value / 12) + '-' + (datum.value % 12 < 9 ? '0' : '') + (datum.value % 12 + 1)"


def month_index(ym: str) -> int:
    """Months since year 0 (a number a chart can place whatever the year: 1 to 9999)."""
    return int(ym[:4]) * 12 + int(ym[5:7]) - 1


def month_bars(
    tl: pd.DataFrame, count: str, filters: Filters, span: tuple[date | None, date | None], colour: str
) -> None:
    """``tl`` (``month``, ``count``) as bars over the slider's track ``span``, the months inside
    the date filter in ``colour``; nothing when there is nothing dated to show."""
    lo, hi = span
    if tl.empty or lo is None or hi is None:
        return
    import altair as alt

    tl = tl[(tl["month"] >= lo.isoformat()[:7]) & (tl["month"] <= hi.isoformat()[:7])]
    if tl.empty:
        return
    a = filters.date_from.isoformat()[:7] if filters.date_from else "0000-00"
    b = filters.date_to.isoformat()[:7] if filters.date_to else "9999-99"
    idx = tl["month"].map(month_index)
    tl = tl.assign(idx=idx, end=idx + 1, selected=tl["month"].map(lambda m: "in range" if a <= m <= b else "outside"))
    chart = (
        alt.Chart(tl)
        .mark_bar()
        .encode(
            x=alt.X(
                "idx:Q",
                title=None,
                scale=alt.Scale(zero=False, nice=False, domain=[int(idx.min()), int(idx.max()) + 1]),
                axis=alt.Axis(labelExpr=_LABELS, tickMinStep=1, format="d"),
            ),
            x2="end:Q",
            y=alt.Y(f"{count}:Q", title=None),  # the caption says what is counted (a title was clipped)
            y2=alt.datum(0),  # bars from zero: with x2 set, Vega-Lite would draw a line at each count
            color=alt.Color(
                "selected:N", scale=alt.Scale(domain=["in range", "outside"], range=[colour, "#cccccc"]), legend=None
            ),
            tooltip=[alt.Tooltip("month:N", title="month"), alt.Tooltip(f"{count}:Q", title=count)],
        )
        .add_params(alt.selection_interval(name="brush", encodings=["x"]))
        .properties(height=140)
    )
    st.caption(f"{count.capitalize()} per month (undated ones aside): drag across the bars to choose the dates.")
    st.altair_chart(chart, width="stretch", on_select="rerun", selection_mode="brush", key="w_brush")


__all__ = ["month_index", "month_bars"]
