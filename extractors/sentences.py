"""Split article text into sentences the way wire copy punctuates them.

Lines are paragraphs (headlines, captions and datelines usually stand alone). Inside a line a
sentence ends at . ! or ? followed by a capital, unless the dot closes an abbreviation such as
"U.S.", "Col.", "Gen." or "Dec." that wire style uses mid-sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset({
    "u.s", "u.n", "u.k", "col", "gen", "lt", "sgt", "maj", "capt", "brig", "adm", "cpl", "pvt", "mr", "mrs",
    "ms", "dr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vs", "inc", "corp", "co", "jr", "sr", "gov", "sen", "rep", "approx", "est", "a.m", "p.m", "d.c",
    "spc", "pfc", "cmdr", "cdr", "cpt", "ssgt", "msgt", "lcpl", "pte", "maj.gen", "lt.col",
})
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    is_title: bool = False


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order (stripped, empty ones dropped)."""
    out: list[str] = []
    # a line that opens in lower case continues the sentence a hard line break cut ("... said U.N.\nbase in ...")
    for line in re.sub(r"\n\s*(?=[a-z])", " ", text).splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            word = re.search(r"([\w.]+)[.!?]$", line[start:m.start()])
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", token):
                continue
            out.append(line[start:m.start()].strip())
            start = m.end()
        out.append(line[start:].strip())
    return [s for s in out if s]


def article_sentences(text: str, title: str = "") -> list[Sentence]:
    """The title (when given) followed by the body sentences, numbered in reading order.

    Extracted page text usually repeats the headline as its first line; that copy is dropped so the
    dateline sentence stays the lead.
    """
    body = text.strip()
    first_line, _, rest = body.partition("\n")
    if title and _squash(first_line) == _squash(title):
        body = rest
    body = _drop_link_lists(body)
    # a headline's clauses joined by a semicolon are separate statements ("revenue falls as Red Sea attacks divert
    # ships; U.S. base lease talks continue"): the attack of one is not at the place of the other
    pieces = [(s, True) for clause in title.split(";") for s in split_sentences(clause)] \
        + [(s, False) for s in split_sentences(body)]
    return [Sentence(i, s, t) for i, (s, t) in enumerate(pieces)]


def _squash(line: str) -> str:
    return re.sub(r"\W+", "", line).casefold()


# Page furniture that links to OTHER stories: "Read More: <headline>" / "Also read: <headline>" lines, and
# "Related stories" / "Read More:" headings followed by a list of bare headlines (lines with no closing
# punctuation). Their headlines are not the article's news.
_LINK_LINE = re.compile(
    r"^\s*(?:also\s+read|read\s+(?:more|also|next)|see\s+also|related(?:\s+(?:news|stories|story|articles?|coverage|content|links?|reading))?"
    r"|more\s+(?:on\s+this(?:\s+story)?|stories|news|from\s+[\w ]{1,30})|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?"
    r"|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|latest\s+news|top\s+stories|further\s+reading)\s*[:|>\-\u2013\u2014]",
    re.IGNORECASE)
_LINK_HEADING = re.compile(
    r"^\s*(?:also\s+read|read\s+(?:more|also|next)|see\s+also|related(?:\s+(?:news|stories|story|articles?|coverage|content|links?|reading))?"
    r"|more\s+(?:on\s+this(?:\s+story)?|stories|news)|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?"
    r"|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|latest\s+news|top\s+stories|further\s+reading)\s*[:|>\-\u2013\u2014]?\s*$",
    re.IGNORECASE)
_CLOSED = re.compile(r"[.!?:][\"\u201d\u2019')\]]*\s*$")


def _drop_link_lists(body: str) -> str:
    out: list[str] = []
    in_list = False
    for line in body.splitlines():
        if _LINK_HEADING.match(line):
            in_list = True
            continue
        if in_list:
            if not line.strip() or not _CLOSED.search(line):
                continue
            in_list = False
        if _LINK_LINE.match(line):
            continue
        out.append(line)
    return "\n".join(out)
