"""The one date module. Reading dates: ISO dates (:func:`iso_date`), publication dates as
news sources write them (:func:`news_date`), the "as of" date of a query (:func:`as_of_date`)
and the first day a TIMEX3 value covers (:func:`period_start`). Calendar arithmetic for
TIMEX3 values: shifting a reference date by units, formatting a date at a granularity (day,
week, month, quarter, year...), durations, and choosing the year of a bare month or the
date of a bare weekday from the tense of its sentence.

Pure functions over :class:`datetime.date`; no I/O, no lexicon.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from detente.errors import UsageError

__all__ = [
    "Tense",
    "add_duration",
    "add_months",
    "as_of_date",
    "easter",
    "expiry_date",
    "fmt",
    "iso_date",
    "news_date",
    "nth_weekday",
    "parse_duration",
    "period_start",
    "pick_weekday",
    "pick_year",
    "shift",
]

# "past" | "present" | "future" | None (unknown)
Tense = str | None

_QUARTER_OF_MONTH = {m: (m - 1) // 3 + 1 for m in range(1, 13)}
_DURATION = re.compile(r"P(?:(\d+(?:\.\d+)?)([YMWD]))?(?:T(\d+(?:\.\d+)?)([HMS]))?")


def iso_date(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) to a date, else None."""
    # Only YYYY-MM-DD: Python 3.11 would also read "2025-W32" as that week's Monday.
    if not value or not re.match(r"\d{4}-\d\d-\d\d", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def as_of_date(value: str | None) -> date:
    """The date a query is "as of": an ISO date (or YYYY-MM, YYYY, "October 1, 2021");
    empty means today. Anything else is a UsageError saying what to type."""
    if not value or not value.strip():
        return date.today()
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise UsageError(f"cannot read the date {value!r}; use YYYY-MM-DD") from None


def period_start(value: str | None) -> date | None:
    """First day of a TIMEX3 date value: "2025-08-06", "2025-08", "2025-W31", "2025-W32-WE",
    "2025". None for anything else (durations, PRESENT_REF, XXXX-...)."""
    if not value or not value[:4].isdigit():
        return None
    try:
        year = int(value[:4])
        rest = value[4:]
        if not rest:
            return date(year, 1, 1)
        if rest.startswith("-W") and rest[2:4].isdigit():
            week = int(rest[2:4])
            d = date.fromisocalendar(year, week, 6 if rest.endswith("-WE") else 1)
            return d
        if rest.startswith("-Q") and rest[2:3].isdigit():
            return date(year, 3 * (int(rest[2]) - 1) + 1, 1)
        if rest[0] == "-" and rest[1:3].isdigit():
            month = int(rest[1:3])
            if len(rest) >= 6 and rest[3] == "-" and rest[4:6].isdigit():
                return date(year, month, int(rest[4:6]))
            return date(year, month, 1)
    except ValueError:
        return None
    return None


# --- publication dates as news sources write them ----------------------------------------

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


def news_date(value: str) -> str | None:
    """A publication date as a news source writes it, as ISO ``YYYY-MM-DD``; None when it is
    not a date we accept. Accepted: ISO dates and datetimes ("2025-08-07",
    "2025-08-07T09:30:00Z", "2025/08/07"), RFC 2822 dates from feeds ("Thu, 07 Aug 2025
    09:30:00 +0000"), and the English forms bylines use ("August 7, 2025", "Aug. 7, 2025",
    "Thursday, August 7 2025", "7 August 2025", optionally followed by a time). Day-first or
    month-first numeric forms ("07/08/2025") are refused: they are ambiguous, and a wrong
    date is worse than none. Never raises."""
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


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        return d
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def shift(d: date, amount: int, letter: str) -> date:
    """``d`` moved by ``amount`` units named by their TimeML letter (D, W, M, Q, Y)."""
    try:
        if letter == "D":
            return d + timedelta(days=amount)
        if letter == "W":
            return d + timedelta(weeks=amount)
    except OverflowError:
        return d
    if letter == "M":
        return add_months(d, amount)
    if letter == "Q":
        return add_months(d, 3 * amount)
    if letter == "Y":
        return add_months(d, 12 * amount)
    return d


def fmt(d: date, granularity: str) -> str:
    """``d`` written at a granularity: day, week, weekend, month, quarter, half, year,
    decade, century."""
    if granularity == "day":
        return d.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "quarter":
        return f"{d.year:04d}-Q{_QUARTER_OF_MONTH[d.month]}"
    if granularity == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if granularity == "decade":
        return f"{d.year // 10:03d}X"
    if granularity == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def pick_year(ref: date, month: int, day: int | None, tense: Tense) -> int:
    """The year of a month (and day) given without one.

    Past tense: the latest one not after ``ref``, unless it is at most two months ahead
    (a plan reported in the past tense: "said it would meet on Aug. 10"). Future tense:
    the next one not before ``ref``, unless it is at most a month behind. No tense: news
    mostly looks back, so a date more than four months ahead is last year's and only one
    more than eight months behind is next year's. (Windows chosen on tempeval3_train:
    they fix more year errors there than they make.)"""
    if day is None:
        diff = month - ref.month
        if tense == "past":
            return ref.year if diff <= 1 else ref.year - 1
        if tense == "future":
            return ref.year if diff >= 0 else ref.year + 1
        return ref.year - 1 if diff > 4 else ref.year + 1 if diff < -8 else ref.year
    try:
        this = date(ref.year, month, min(day, calendar.monthrange(ref.year, month)[1]))
    except ValueError:
        return ref.year
    delta = (this - ref).days
    if tense == "past":
        return ref.year if delta <= 62 else ref.year - 1
    if tense == "future":
        return ref.year if delta >= -31 else ref.year + 1
    return ref.year - 1 if delta > 120 else ref.year + 1 if delta < -240 else ref.year


def pick_weekday(ref: date, weekday: int, tense: Tense, modifier: str | None = None) -> date:
    """The date of a weekday (1 = Monday) named relative to ``ref``.

    "last"/past tense: the latest one on or before ``ref`` (strictly before with "last");
    "next"/future tense: the first one on or after it (strictly after with "next");
    "this" or no tense: the nearest one, the past one on a tie."""
    today = ref.isoweekday()
    back = (today - weekday) % 7
    ahead = (weekday - today) % 7
    if modifier == "last":
        return ref - timedelta(days=back or 7)
    if modifier == "next":
        return ref + timedelta(days=ahead or 7)
    if modifier == "this":
        return ref + timedelta(days=weekday - today)
    if tense == "past":
        return ref - timedelta(days=back)
    if tense == "future":
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back) if back <= ahead else ref + timedelta(days=ahead)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (1 = Monday) of a month; ``n = -1`` is the last one."""
    days = [
        date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).isoweekday() == weekday
    ]
    return days[n if n < 0 else n - 1]


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


# --- durations and deadline values ---------------------------------------------------------


def parse_duration(value: str | None) -> tuple[float, str] | None:
    """``P50D`` -> (50, "D"); ``PT48H`` -> (48, "H"); None when not a plain duration."""
    if not value:
        return None
    m = _DURATION.fullmatch(value)
    if not m or not (m.group(1) or m.group(3)):
        return None
    if m.group(1):
        return float(m.group(1)), m.group(2)
    return float(m.group(3)), m.group(4)


def add_duration(start: str | None, duration: str | None) -> str | None:
    """``start`` (ISO date) plus a TIMEX3 duration, as an ISO date; None if either is
    unknown."""
    day = iso_date(start)
    parsed = parse_duration(duration)
    if day is None or parsed is None:
        return None
    amount, letter = parsed
    n = int(amount)
    if letter == "D":
        end = day + timedelta(days=n)
    elif letter == "W":
        end = day + timedelta(weeks=n)
    elif letter == "M":
        end = add_months(day, n)
    elif letter == "Y":
        end = add_months(day, 12 * n)
    elif letter == "H":
        end = day + timedelta(hours=amount)
    else:
        end = day
    return end.isoformat()


def expiry_date(value: str | None) -> date | None:
    """The last day a deadline value covers: a date is itself, a week or its weekend ends
    on Sunday, a month on its last day, a year on 31 December."""
    if not value:
        return None
    day = iso_date(value)
    if day is not None:
        return day
    m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7)
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return date(year, month, calendar.monthrange(year, month)[1])
        return None
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 12, 31)
    return None
