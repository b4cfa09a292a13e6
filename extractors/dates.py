"""Resolve the date phrases of wire reports against the publication date.

Wire copy rarely prints the attack date; it says "on Monday", "late Saturday", "overnight",
"yesterday", "on Dec. 29" or, for older events, "in March". These rules turn such phrases into a
`date` plus a precision ("day", "month", "year"):

- A weekday means the most recent such day on or before publication; the publication weekday itself
  means the publication day ("on Monday" in a Monday paper is today). "Sunday to Monday" is the later day.
- "last Thursday" in a Thursday paper is a week before; "two days ago" counts back from publication;
  "the night of June 3-4" is the later day (a night is keyed by the morning it ends).
- "on the night of the 14th" or "the 14th of this month" (translated copy, no month) is the 14th of the latest
  month that does not put it after publication.
- "yesterday" / "last night" = the day before publication; "today", "tonight", "this morning",
  "overnight" = the publication day (overnight raids are keyed by the morning they end).
- A month and day without a year take the latest year that does not put them after publication
  (one day of slack for time zones); "6/1/2024" is read day-first or month-first, whichever is not
  in the future and lies closer to publication.
- "in March" / "last month" give month precision; "last year" / "two years ago" year precision.
- Dates attached to a speech verb ("said on Monday") or closing a dateline ("BAGHDAD, April 14 (Xinhua) --",
  "Niamey, (Outlet - 13th Jan, 2020 ) :") are kept but marked, so callers can prefer dates that describe the event
  itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from extractors.vocabulary import EVENT_NOUN, NUMBER, number_value

# the place's clock may be up to a day ahead of the outlet's: a date that far after publication can still be the news
AHEAD_OF_OUTLET = timedelta(days=1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
          r"aug(?:ust|\.)?|sep(?:t(?:ember)?|\.)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "several": 2}

_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–/]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?\b"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–/]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH}\b"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)
# "on the night of June 3-4" / "overnight on 3-4 June": a night is keyed by the morning it ends.
_NIGHT_BEFORE = re.compile(r"\bnight\s+(?:of\s+|from\s+)?(?:the\s+)?$|\bovernight\s+(?:on\s+)?$", re.IGNORECASE)
# "ten days ago": counted back from publication, however many days ("two days earlier" likewise); "a fortnight ago",
# "two weeks ago" say only roughly when, so they give the month. (Tried only where "ago" or "earlier" stands: a count
# searched for at every word is costly.)
_UNITS_AGO = re.compile(rf"\b(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|fortnights?)\s+(?:ago|earlier)\b", re.IGNORECASE)
# "on the night of the 14th" (translated copy): a bare ordinal day in the latest month that does not put it
# after publication. Only after on/of/to/into and not followed by a word, so "the 14th Brigade" or "on the
# 20th anniversary" are not dates.
# Iraqi statements say "on the evening of the 4th of this month": the same day, its month named only relatively.
_BARE_ORDINAL = re.compile(r"\b(?:on|of|to|into)\s+the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b"
                           r"(?:\s+of\s+(?:this|the current) month\b|(?!\s*[-–]?\s*[A-Za-z(]))", re.IGNORECASE)
_LAST_WEEKDAY = re.compile(r"\blast\s+$", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/])")
# "Sunday to Monday", "the night of Saturday 10 to Sunday 11 May": the later day
_WEEKDAY_SPAN = re.compile(rf"\b(?P<first>{_WD})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:to|into|and)\s+"
                           rf"(?P<second>{_WD})\b", re.IGNORECASE)
# "Tuesday evening's drone attack": the part of the day goes with the weekday that owns the event
_WEEKDAY = re.compile(rf"\b(?P<wd>{_WD})(?:\s+(?:morning|afternoon|evening|night)(?=['’]s))?(?:'s|’s)?\b",
                      re.IGNORECASE)
# "the committee will question him on Tuesday", "talks open next Tuesday": a weekday a future verb governs is a day
# still to come, so it dates nothing the article reports (unless it owns the event: "will investigate Tuesday's attack")
_FUTURE_BEFORE = re.compile(r"\b(?:will|shall|(?:is|are) (?:due|expected|scheduled|set) to)\b[^,.;:]{0,80}$|\bnext\s+$",
                            re.IGNORECASE)
# "overnight into Tuesday": the weekday names the night's morning, so "overnight" adds no date of its own
_RELATIVE = re.compile(
    rf"\b(?P<rel>the day before yesterday|yesterday|last night|overnight(?!\s+(?:(?:into|to|on|from)\s+)?{_WD})|"
    r"today|tonight|this morning|"
    r"this evening|this afternoon|"
    r"earlier today|a day earlier|the previous day|the day before)\b", re.IGNORECASE)
# "shortly after midnight local time on Saturday" in a paper dated Friday: the place is ahead of the outlet's clock,
# so a weekday said in local time may be the day after publication (never more than one day ahead)
_LOCAL_TIME = re.compile(r"\blocal(?:\s+time)?\b", re.IGNORECASE)
_IN_A_NAME = re.compile(r"\b[A-Z][\w.-]*\s+$")
_SMALL_HOURS = re.compile(r",?\s+(?:at\s+)?(?:about\s+|around\s+|roughly\s+|approximately\s+)?"
                          r"(?:12|1|2|3|4)(?:[:.]\d\d)?\s*a\.?m\b", re.IGNORECASE)
# "in March", "last October", and a month with its year used as an adjective ("the January 2024 drone attack")
# ... and an event's own month in translated copy ("the suicide car bomb attack of January")
_MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|early|late|mid-?|last|this|the(?=\s+[a-z.]+\s+(?:19|20)\d\d\b)"
    r"|(?:(?<=\battack )|(?<=\battacks )|(?<=\bstrike )|(?<=\braid )|(?<=\bassault )|(?<=\bbombing ))of)\s+"
    rf"{_MONTH}"
    rf"(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)", re.IGNORECASE)
# ("at the start of the month": a part of this month, or of the last one)
_LAST_MONTH = re.compile(r"\b(?P<which>last|earlier this|this|previous) month\b"
                         r"|\b(?:start|beginning|middle|end)\s+of\s+(?P<part_of>the|this|last|previous) month\b",
                         re.IGNORECASE)
# "in 2008", "the 2018 Sunjuwan Army camp attack": a year before publication dates an event to the past
_PAST_YEAR = re.compile(r"\b(?:in|during|of|from)\s+(?P<a>(?:19|20)\d\d)\b(?![\s/-]*\d)|"
                        r"\b(?P<b>(?:19|20)\d\d)\s+(?:[\w’'-]+\s+){0,3}?(?:attacks?|strikes?|raids?|offensive|"
                        r"bombings?|assaults?|siege)\b", re.IGNORECASE)
_YEARS_AGO = re.compile(r"\b(?P<n>\w+) years? ago\b|\b(?P<last>last|previous) year\b", re.IGNORECASE)
# what officials do in reaction to an attack, or on coming to the place: the day of it is theirs, not the attack's
_REACTED = "demanded|ordered|vowed|urged|summoned|pledged|inaugurated|unveiled|visited|toured"
# when someone said it ("speaking to community radio on Monday"), or when a toll was updated ("the death toll ... rose
# to nine soldiers on Tuesday")
_SPEECH = re.compile(
    r"\b(?:said|says|told|announced|tweeted|reported|confirmed|stated|added|statement|claimed|updated?|"
    r"speculated|wrote|posted|published|released|condemned|denounced|according to \w+|speaking|spoke|seen by|"
    # ... or reacted or came ("demanded on Sunday an explanation", "the prime minister on Monday ordered a committee",
    # "the chief of staff on Monday inaugurated new barracks")
    rf"{_REACTED}|"
    r"communiqu[eé]|(?:on|in) (?:national |state |public )?(?:television|radio))\b"
    # ... but "said the attack began on Sunday": a verb of the event between dates the event
    r"(?:(?!\b(?:began|begun|started|happened|occurred|took place|came)\b)[^.;]){0,25}$"
    r"|\b(?:rose|risen|rises|climbed|reached|jumped) to (?:at least )?\w+(?: \w+)?\s+(?:on\s+|late\s+)?$"
    r"|\bdied (?:of|from) (?:(?:his|her|their) )?(?:wounds|injuries)\s+(?:on\s+|late\s+)?$"  # a toll that rose, too
    # ... or when a period of mourning or a curfew starts ("three days of national mourning from Friday")
    r"|\b(?:mourning|curfew|closure|ban|holiday|ceasefire|truce)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:from|starting|beginning)\s+$"
    # ... or when the wounded left hospital ("was released from Rambam Health Care Campus on Tuesday")
    r"|\b(?:released|discharged)\s+from\s+(?:[\w’'-]+\s+){1,5}?(?:on\s+|late\s+)?$",
    re.IGNORECASE)

# "in a Thursday statement": the day something was said, not when it happened
# "the ministry's Monday statement"; "the Pentagon on Monday identified the soldier": the day the source spoke
_SPEECH_AFTER = re.compile(r"(?:'s|’s)?\s+(?:statement|briefing|interview|(?:press|news) conference|announcement)\b"
                           r"|,?\s+(?:said|announced|confirmed|identified|named|condemned|denounced|denied|reported|"
                           rf"told|stated|added|released|published|tweeted|wrote|claimed|{_REACTED})\b", re.IGNORECASE)
# the hour or part of the day an event happened, which tellers of the event give and those of reactions to it rarely do
_HOUR = re.compile(r"\b(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|GMT\b)|\d{4}\s*(?:hrs|GMT)\b|dawn|dusk|"
                   r"midnight|night|early hours|small hours|daybreak)", re.IGNORECASE)
# "traded accusations on Sunday over the drone attack on X", "opened an inquiry on Monday into the raid": a day before
# "over"/"into"/"about" the event is when people reacted to it, like the day a source spoke
_REACTION_TO_EVENT = re.compile(rf"\s+(?:[\w’'-]+\s+){{0,12}}?(?:over|into|about)\s+(?:the|a|an|this|last|its)\s+"
                                rf"(?:[\w’'-]+\s+){{0,4}}?{EVENT_NOUN}\b", re.IGNORECASE)
# "claimed responsibility for Thursday's attack": a day owning the event dates the event, whatever verb precedes it
# ... and so does a date used as the event's adjective: "the January 2024 drone attack", "the Tuesday raid"
_DAY_OF_EVENT = re.compile(rf"(?<=['’]s)\s+(?:[\w-]+\s+){{0,4}}?{EVENT_NOUN}\b", re.IGNORECASE)
_DATE_AS_ADJECTIVE = re.compile(rf"\s+(?:(?!(?:the|a|an|that|this|his|its)\b)[\w-]+\s+){{0,2}}?{EVENT_NOUN}\b",
                                re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# a dateline may stamp the hour and the outlet after its date: "KISMAYO, Dec 2 (0020 GMT) (Newsline) -"
# days every calendar names, said instead of the date ("on Christmas Eve")
_FIXED_DAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
               "new year's eve": (12, 31), "new year's day": (1, 1)}
_FIXED_DAY = re.compile(r"\b(?:" + "|".join(re.escape(day).replace("'", "['’]") for day in _FIXED_DAYS) + r")\b",
                        re.IGNORECASE)
# "the 14th October division", "the 6 October Bridge": a date that names a unit, a movement or a place is a name,
# not when something happened
_DATE_AS_NAME = re.compile(r"\s+(?:division|brigade|battalion|regiment|corps|movement|bridge|square|street|avenue|"
                           r"stadium|university)\b", re.IGNORECASE)
_DATELINE_END = re.compile(r"(?:\s*\([^)]{1,30}\)){0,2}(?:\s*\))?\s*(?:;|:|--|—|–|\||-\s)")


def owned_event_end(sentence: str, date_end: int, date_start: int | None = None) -> int | None:
    """End of the event noun the date phrase ending at `date_end` owns ("Thursday's attack", "Sunday's explosion"),
    or, starting at `date_start` after "the", is the adjective of ("the January 2024 drone attack"); else None."""
    if (owned := _DAY_OF_EVENT.match(sentence, date_end)) is not None:
        return owned.end()
    if date_start is None or (adjective := _DATE_AS_ADJECTIVE.match(sentence, date_end)) is None:
        return None
    after_the = _THE_BEFORE.search(sentence, 0, date_start) is not None \
        or sentence[date_start:date_start + 4].lower() == "the "
    return adjective.end() if after_the else None


@dataclass(frozen=True)
class DateMention:
    """One date phrase found in a sentence."""

    start: int
    end: int
    value: date
    precision: str  # "day" | "month" | "year"
    speech: bool  # attached to a speech verb ("said on Monday")
    rank: int  # lower = more specific (explicit date < weekday < relative word < month < year)
    event_end: int | None = None  # end of the event noun it owns ("Tuesday evening's drone attack"), if any
    timed: bool = False  # told with the hour or part of the day ("at around 11.40 pm on Saturday", "Sunday night")
    clock: tuple[int, str] | None = None  # minutes after midnight on a stated clock and its zone ("2200 GMT")


def local_day(day: date, clock: tuple[int, str], country_code: str | None) -> date:
    """The day at the installation of a time told on another clock: "2200 GMT on Saturday" in Somalia (UTC+3) is
    Sunday, "7:50 p.m. Eastern time Monday" in Iraq is Tuesday. `day` when the country's zones disagree at that time
    or are unknown."""
    zones = _country_zones().get(country_code or "", ())
    stated = datetime.combine(day, time(), ZoneInfo(clock[1])) + timedelta(minutes=clock[0])
    days = {stated.astimezone(ZoneInfo(zone)).date() for zone in zones}
    return days.pop() if len(days) == 1 else day


@cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    """ISO country code -> its time zones, from the tz database's zone.tab."""
    try:
        table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            zones.setdefault(code, []).append(zone)
    return {code: tuple(z) for code, z in zones.items()}


# "at about 2200 GMT", "0440 GMT", "7:50 p.m. Eastern time", "19:50 UTC": a clock read in a zone the story names
_ZONED_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?\s*(?P<half>[ap]\.?m\b\.?)?\s*"
    r"(?P<zone>GMT|UTC|Zulu|(?:U\.S\.\s+)?Eastern(?:\s+(?:Standard|Daylight))?\s+[Tt]ime|E[SD]?T)\b")
_ZONE_NAMES = {"GMT": "UTC", "UTC": "UTC", "Zulu": "UTC"}


def _zoned_clock(text: str) -> tuple[int, str] | None:
    m = _ZONED_CLOCK.search(text)
    if m is None:
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if m["half"]:
        hour = hour % 12 + (12 if m["half"][0].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute, _ZONE_NAMES.get(m["zone"], "America/New_York")


def weekday_on_or_before(name: str, published: date) -> date:
    """Most recent `name` day on or before publication (same weekday = the publication day)."""
    back = (published.weekday() - WEEKDAYS.index(name.lower())) % 7
    return published - timedelta(days=back)


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")[:4] if token.lower().startswith("sept") else token.lower()[:3]]


def _fit_year(month: int, day: int, published: date | None, year: str | None) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        if published is None:
            return None
        candidate = date(published.year, month, day)
        if candidate > published + AHEAD_OF_OUTLET:
            candidate = date(published.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def _month_before(month: int, published: date, year: str | None) -> date:
    if year:
        return date(int(year), month, 1)
    y = published.year if month <= published.month else published.year - 1
    return date(y, month, 1)


_CONVERTED = re.compile(r"\((?=[^()]{0,30}\b(?:GMT|UTC|Zulu|E[SD]?T|Eastern)\b)[^()]{0,60}\)")


def find_dates(sentence: str, published: date | None) -> list[DateMention]:
    """Every date phrase in `sentence`, resolved against `published`, in text order."""
    found: list[DateMention] = []
    # "at 11:40 p.m. local time (0440 GMT on Tuesday)": the conversion restates the local time, in another day
    taken: list[tuple[int, int]] = [c.span() for c in _CONVERTED.finditer(sentence)] if "(" in sentence else []
    told = _CONVERTED.sub(lambda c: " " * len(c.group()), sentence) if taken else sentence  # the clocks of the text

    def add(m: re.Match, value: date | None, precision: str, rank: int) -> None:
        if value is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        if "mon" in m.groupdict() and m["mon"] == "may":
            return
        taken.append((m.start(), m.end()))
        event_end = owned_event_end(sentence, m.end(), m.start())
        speech = event_end is None and bool(
            _SPEECH.search(sentence[max(0, m.start() - 60):m.start()]) or _SPEECH_AFTER.match(sentence[m.end():])
            # a weekday opening the sentence ("WEDNESDAY: Three rockets ...") heads a digest's item, not a dateline
            or (m.start() < 60 and not (m.start() == 0 and rank == 1) and _DATELINE_END.match(sentence[m.end():]))
            or _REACTION_TO_EVENT.match(sentence, m.end()))
        timed = _HOUR.search(sentence, max(0, m.start() - 30), m.end() + 25) is not None
        clock = _zoned_clock(told[max(0, m.start() - 40):m.end() + 30]) if precision == "day" else None
        found.append(DateMention(m.start(), m.end(), value, precision, speech, rank, event_end, timed, clock))

    for rx in (_MONTH_DAY, _DAY_MONTH):
        for m in rx.finditer(sentence):
            if _DATE_AS_NAME.match(sentence, m.end()):
                continue
            day = int(m["day"])
            if m["day2"] and _NIGHT_BEFORE.search(sentence[max(0, m.start() - 25):m.start()]):
                day = int(m["day2"])
            add(m, _fit_year(_month_number(m["mon"]), day, published, m["year"]), "day", 0)
    for m in _NUMERIC.finditer(sentence):
        add(m, _numeric_date(int(m["a"]), int(m["b"]), int(m["year"]), published), "day", 0)
    if published is not None:
        for m in _BARE_ORDINAL.finditer(sentence):
            add(m, _ordinal_day(int(m["day"]), published), "day", 0)
        for m in _FIXED_DAY.finditer(sentence):
            month, day = _FIXED_DAYS[m.group().lower().replace("’", "'")]
            add(m, _fit_year(month, day, published, None), "day", 1)
        for m in _WEEKDAY_SPAN.finditer(sentence):
            add(m, weekday_on_or_before(m["second"], published), "day", 1)
        for m in _WEEKDAY.finditer(sentence):
            if _FUTURE_BEFORE.search(sentence, max(0, m.start() - 90), m.start()) \
                    and owned_event_end(sentence, m.end()) is None:
                continue
            value = weekday_on_or_before(m["wd"], published)
            if value == published and _LAST_WEEKDAY.search(sentence[max(0, m.start() - 10):m.start()]):
                value -= timedelta(days=7)  # "last Thursday" in a Thursday paper is a week ago
            elif value == published + AHEAD_OF_OUTLET - timedelta(days=7) and _LOCAL_TIME.search(
                    sentence, max(0, m.start() - 25), m.end() + 15):
                value = published + AHEAD_OF_OUTLET
            add(m, value, "day", 1)
        # "an overnight shootout, authorities said Wednesday": relative words count from the day the source spoke
        # when the sentence names it, not from the day the paper came out
        spoke = next((d.value for d in found if d.speech and d.rank == 1), published)
        for m in _RELATIVE.finditer(sentence):
            if _IN_A_NAME.search(sentence[:m.start()]) and m.group()[0].isupper():
                continue  # "Northern Afghanistan Today", "USA Today": the last word of a name, not a day
            back = 2 if m["rel"].lower() == "the day before yesterday" else 1 if m["rel"].lower() in {
                "yesterday", "last night", "a day earlier", "the previous day", "the day before"} else 0
            if m["rel"].lower() == "last night" and _SMALL_HOURS.match(sentence, m.end()):
                back = 0  # "last night, at about 12:45 am": after midnight, the day the paper came out
            add(m, spoke - timedelta(days=back), "day", 2)
        for m in _UNITS_AGO.finditer(sentence) if " ago" in sentence or "earlier" in sentence else ():
            unit = m["unit"].lower()
            if not (n := number_value(m["n"])):
                continue
            if unit.startswith("day"):
                add(m, published - timedelta(days=n), "day", 2)
            else:
                add(m, (published - timedelta(days=n * (14 if unit.startswith("fortnight") else 7))).replace(day=1),
                    "month", 3)
        for m in _MONTH_ONLY.finditer(sentence):
            add(m, _month_before(_month_number(m["mon"]), published, m["year"]), "month", 3)
        for m in _LAST_MONTH.finditer(sentence):
            first = published.replace(day=1)
            which = (m["which"] or m["part_of"]).lower()
            value = (first - timedelta(days=1)).replace(day=1) if which in {"last", "previous"} else first
            add(m, value, "month", 3)
        for m in _YEARS_AGO.finditer(sentence):
            n = 1 if m["last"] else _NUMBERS.get(m["n"].lower(), int(m["n"]) if m["n"].isdigit() else 0)
            if n:
                add(m, date(published.year - n, 1, 1), "year", 4)
        for m in _PAST_YEAR.finditer(sentence):
            year = int(m["a"] or m["b"])
            if year < published.year:
                add(m, date(year, 1, 1), "year", 4)
    else:
        for m in _MONTH_ONLY.finditer(sentence):
            if m["year"]:
                add(m, date(int(m["year"]), _month_number(m["mon"]), 1), "month", 3)
    found.sort(key=lambda d: d.start)
    return found


def _ordinal_day(day: int, published: date) -> date | None:
    """The `day`-th of the publication month, or of an earlier month when that would lie after publication."""
    year, month = published.year, published.month
    for _ in range(3):  # the previous month may lack a 31st
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= published + AHEAD_OF_OUTLET:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _numeric_date(a: int, b: int, year: int, published: date | None) -> date | None:
    options = []
    for day, month in ((a, b), (b, a)):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if published is not None:
        past = [d for d in options if d <= published + AHEAD_OF_OUTLET]
        options = sorted(past or options, key=lambda d: abs((published - d).days))
    return options[0] if options else None


ADJACENT_CHARS = 30  # a date this close to what it dates is the time of that word's own clause


def best_date(mentions: list[DateMention], anchor: tuple[int, int] | None = None) -> DateMention | None:
    """The phrase that most likely dates the event: event dates before speech dates, then, given the `anchor`
    span of what is dated (an installation's name), a date next to it, itself or through the event it owns ("struck
    Tower 22 in Jordan in January 2024", "On Sunday, a drone struck X", "Sunday's drone attack on X") before one in a
    later clause ("..., was discharged on Thursday"), then the most specific."""
    if not mentions:
        return None

    def far(d: DateMention) -> bool:
        start, end = anchor or (d.start, d.end)
        told_until = d.event_end or d.end  # "Tuesday evening's drone attack on X": the event it owns is next to X
        return not (abs(d.start - end) <= ADJACENT_CHARS or abs(start - told_until) <= ADJACENT_CHARS)

    return min(mentions, key=lambda d: (d.speech, anchor is not None and far(d), d.rank, d.start))
