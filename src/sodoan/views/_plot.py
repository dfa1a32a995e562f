"""Charts (matplotlib, an optional extra): provinces' actuals against their targets."""

from __future__ import annotations

from typing import Any

from sodoan._labels import label
from sodoan._optional import require
from sodoan.numbers import format_measure
from sodoan.reports import Comparison
from sodoan.units import convert

__all__ = ["plot_comparison"]


def plot_comparison(comparison: Comparison, ax: Any = None) -> Any:
    """Draw ``comparison`` (see :meth:`sodoan.Comparison.plot`); return the Figure."""
    pyplot = require("matplotlib.pyplot", "plot")
    indicator = comparison.indicator
    unit = indicator.unit
    if ax is None:
        figure, ax = pyplot.subplots(figsize=(8, 4.5))
    else:
        figure = ax.figure
    colours = pyplot.rcParams["axes.prop_cycle"].by_key()["color"]
    provinces = list(dict.fromkeys(row.province for row in comparison.rows))
    for index, province in enumerate(provinces):
        colour = colours[index % len(colours)]
        name = next(r.province_name for r in comparison.rows if r.province == province)
        reported = [
            a
            for a in comparison.actuals
            if a.province == province and a.level is None and a.area is None
        ]
        # one point per year and value: the same figure from several sources is drawn once
        points = dict.fromkeys(
            (a.period.end.year, convert(a.value.value, a.value.unit, unit)) for a in reported
        )
        if points:
            xs = [year for year, _ in points]
            ys = [float(value) for _, value in points]
            ax.plot(xs, ys, marker="o", color=colour, label=f"{name}: actual")
        first = True
        for row in comparison.rows:
            target = row.target
            if row.province != province or target is None or target.due is None:
                continue
            y = float(convert(target.value.value, target.value.unit, unit))
            ax.scatter(
                [target.due.year],
                [y],
                marker="D",
                facecolors="none",
                edgecolors=colour,
                s=70,
                label=f"{name}: target" if first else None,
            )
            first = False
            if target.comparator == "between" and target.upper is not None:
                text = f"{format_measure(target.value, 'vi')}–{format_measure(target.upper, 'vi')}"
            else:
                symbol = label("comparator_symbol", target.comparator, "vi")
                text = f"{symbol} {format_measure(target.value, 'vi')}"
            if target.level:
                text += f" ({target.level})"
            ax.annotate(
                text,
                (target.due.year, y),
                textcoords="offset points",
                xytext=(6, 4),
                fontsize=8,
                color=colour,
            )
    if indicator.direction == "lower_is_better":
        ax.invert_yaxis()
    ax.set_title(f"{indicator.name.vi}\n({indicator.name.en})", fontsize=10)
    ax.set_xlabel("năm / year (targets at their due year)")
    ax.set_ylabel(unit)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return figure
