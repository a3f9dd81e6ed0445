"""The dated events behind a source: when the interview was announced and given, who covered it
when, and when the report itself appeared. Built from the source's ``meta.yml``; every event
keeps the citation key of the work that dates it."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

from .figures import PALETTE, figure_and_axes, phone_text_pt
from .sources import Source


@dataclass(frozen=True)
class Event:
    day: date
    label: str
    cite: tuple[str, ...] = ()


def timeline(source: Source) -> list[Event]:
    """Events in date order (stable for events on the same day: announcement, event, coverage, report)."""
    meta = source.meta
    events: list[Event] = []
    event = meta.get("event")
    if event:
        cites = tuple(event.get("cite", ()))
        if "announced" in event:
            events.append(
                Event(date.fromisoformat(event["announced"]), f"{event['kind'].capitalize()} announced", cites)
            )
        events.append(Event(date.fromisoformat(event["date"]), f"{event['kind'].capitalize()} given", cites))
    for item in meta.get("coverage", []):
        events.append(Event(date.fromisoformat(item["date"]), item["label"], (item["cite"],)))
    events.append(
        Event(
            date.fromisoformat(meta["published"]),
            f"{meta['outlet']} report published",
            (meta["cite"],) if meta.get("cite") else (),
        )
    )
    return sorted(events, key=lambda e: e.day)


def report_delay_days(source: Source) -> int | None:
    """Days between the reported event and the report, or None when the event date is unknown."""
    event = source.meta.get("event")
    if not event:
        return None
    return (date.fromisoformat(source.meta["published"]) - date.fromisoformat(event["date"])).days


def timeline_figure(events: list[Event]):
    """A one-line timeline figure and its alt text."""
    days = sorted({e.day for e in events})
    fig, ax = figure_and_axes(5.6, 3.0)
    text = phone_text_pt(5.6)  # readable in a phone's column (figures.MIN_TEXT_PX)
    ax.axhline(0, color="#555555", linewidth=1)
    for slot, day in enumerate(days):
        labels = [e.label for e in events if e.day == day]
        ax.plot([slot], [0], marker="o", color=PALETTE[4], markersize=8)
        ax.annotate(
            day.strftime("%a %d %b %Y") + "\n" + "\n".join(textwrap.fill(label, 22) for label in labels),
            (slot, 0),
            xytext=(0, 12 if slot % 2 == 0 else -14),
            textcoords="offset points",
            ha="center",
            va="bottom" if slot % 2 == 0 else "top",
            fontsize=text,
        )
    ax.set_xlim(-0.7, len(days) - 0.3)
    ax.set_ylim(-1, 1)
    ax.axis("off")
    alt = "Timeline: " + "; ".join(f"{e.day.isoformat()}: {e.label}" for e in events) + "."
    return fig, alt
