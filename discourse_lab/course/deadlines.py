"""Due times, lateness and the late policy.

The due time is the manifest's ``due`` (``assign --due``, ISO 8601 with its UTC offset). A
submission is **late** when

* the LMS says so: Canvas names a late file ``…_LATE_…`` (``time_source`` ``lms``); or
* its own ``created`` time (written by the notebook or the book when the student exported it, so
  ``time_source`` ``self-reported``) is after the due time.

``--late-policy`` says what lateness costs:

* ``none`` (the default): nothing; late work is flagged ``late`` only.
* ``zero``: late work scores 0.
* ``percent-per-day:N``: N % of the points are taken off per day late, down to 0. **Every started
  day counts as a whole day**: one minute late is one day, 24 h 1 min is two. A file Canvas marks
  late whose own time is not after the due time (a wrong clock) counts one day late.

Which submission counts, when a student handed in several: the newest on-time one. A late one
counts only when the student has no on-time submission, or when ``percent-per-day:N`` accepts late
work: then the newest counts, with its penalty. Either way both rows say what happened.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..errors import DiscourseLabError

POLICY = re.compile(r"^(none|zero|percent-per-day:(\d+(?:\.\d+)?))$")
# A clock may be a little ahead; a created time further in the future than this is not believed.
CLOCK_SLACK = timedelta(hours=26)


class PolicyError(DiscourseLabError):
    """A --late-policy or due time that cannot be used."""


@dataclass(frozen=True)
class LatePolicy:
    kind: str  # "none" | "zero" | "percent-per-day"
    percent: float = 0.0

    @property
    def accepts_late_work(self) -> bool:
        """Whether a late resubmission may replace an on-time submission (with its penalty)."""
        return self.kind == "percent-per-day"

    def penalty(self, days_late: int | None) -> float:
        """The fraction of the points taken off (0 … 1) for a submission this many days late."""
        if not days_late:
            return 0.0
        if self.kind == "zero":
            return 1.0
        if self.kind == "percent-per-day":
            return min(1.0, self.percent * days_late / 100)
        return 0.0

    def describe(self) -> str:
        return f"percent-per-day:{self.percent:g}" if self.kind == "percent-per-day" else self.kind


def parse_policy(text: str | None) -> LatePolicy:
    m = POLICY.match((text or "none").strip())
    if not m:
        raise PolicyError(f"--late-policy {text!r}: expected none, zero or percent-per-day:N (N a number 0-100)")
    if m.group(2) is not None:
        percent = float(m.group(2))
        if not 0 <= percent <= 100:
            raise PolicyError(f"--late-policy {text!r}: N must be between 0 and 100")
        return LatePolicy("percent-per-day", percent)
    return LatePolicy(m.group(1))


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time with an offset (``Z`` or ``+01:00``) as an aware datetime; None if it is not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo else None


def due_time(manifest: dict) -> datetime | None:
    """The manifest's due time (``assign --due``), or None when the assignment has none."""
    raw = manifest.get("due")
    if raw is None:
        return None
    due = parse_time(raw)
    if due is None:
        raise PolicyError(f"the manifest's due time {raw!r} is not an ISO 8601 time with its UTC offset")
    return due


def in_future(created: datetime | None, now: datetime | None = None) -> bool:
    now = now or datetime.now(timezone.utc)
    return created is not None and created > now + CLOCK_SLACK


def days_late(submitted: datetime | None, due: datetime | None, lms_late: bool) -> int | None:
    """Whole days late (every started day counts), None when on time or when there is no due time."""
    if lms_late and (due is None or submitted is None or submitted <= due):
        return 1  # the LMS says late, the file's own clock does not: the least lateness there is
    if due is None or submitted is None or submitted <= due:
        return None
    return max(1, math.ceil((submitted - due) / timedelta(days=1)))
