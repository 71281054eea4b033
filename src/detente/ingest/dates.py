"""Publication dates as news sources write them, turned into ISO ``YYYY-MM-DD``.

Accepted: ISO dates and datetimes ("2025-08-07", "2025-08-07T09:30:00Z", "2025/08/07"),
RFC 2822 dates from feeds ("Thu, 07 Aug 2025 09:30:00 +0000"), and the English forms
bylines use ("August 7, 2025", "Aug. 7, 2025", "Thursday, August 7 2025", "7 August 2025",
optionally followed by a time). Day-first/month-first numeric forms ("07/08/2025") are
refused: they are ambiguous, and a wrong date is worse than none.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from email.utils import parsedate_to_datetime

__all__ = ["parse_date"]

# English month names and abbreviations (from the C locale), plus the "Sept" newsrooms use.
_MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_WEEKDAYS = "|".join(
    [name.lower() for name in calendar.day_name] + [name.lower() for name in calendar.day_abbr]
)
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# A trailing clock time ("10:30 AM ET", "at 09:30 GMT") is allowed and ignored.
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\b.*)?"
_PREFIX = rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
_MONTH_FIRST = re.compile(rf"{_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}")
_DAY_FIRST = re.compile(rf"{_PREFIX}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}")
_ISO = re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?:[T ]\S.*)?")


def _make(year: str, month: int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """``value`` as an ISO date (``YYYY-MM-DD``), or None when it is not a date we accept."""
    text = " ".join(value.split()).strip()
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        return _make(match["year"], int(match["month"]), match["day"])
    lowered = text.lower()
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        if match := pattern.fullmatch(lowered):
            return _make(match["year"], _MONTHS.get(match["month"]), match["day"])
    # RFC 2822 last: email.utils is lenient, so only trust it when the string has the
    # RFC shape (a day number, a month abbreviation and a four-digit year).
    if re.search(r"\b\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\b", text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return None
