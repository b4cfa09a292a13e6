"""A date stated in the attack's own sentence dates the attack wherever it stands in the sentence: before the
attack clause, opening the sentence, or after the base. Self-written sentences; published the day after."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.detect import detect

PUBLISHED = date(2024, 1, 29)  # a Monday
SUNDAY = date(2024, 1, 28)


@pytest.mark.parametrize("sentence", [
    # the date between the casualties and the attack clause
    "Three American troops were killed and many were wounded Sunday, Jan. 28, 2024, in a drone strike on "
    "Tower 22 in northeast Jordan.",
    "Three soldiers were wounded on Sunday in a drone strike on Tower 22 in northeast Jordan.",
    "Three American service members were killed and more than 40 others were wounded early Sunday, Jan. 28, "
    "when a one-way attack drone slammed into the living quarters of Tower 22, a small base in northeast Jordan.",
    # the date opening the sentence
    "On Sunday, a drone struck Tower 22 in northeast Jordan, killing three U.S. soldiers.",
    "On Jan. 28, 2024, a drone struck Tower 22 in northeast Jordan.",
    # the date after the base
    "Tower 22 in northeast Jordan was hit by a drone on Sunday, killing three U.S. soldiers.",
    "Tower 22 in northeast Jordan was hit by a drone on Jan. 28, killing three U.S. soldiers.",
])
def test_the_date_in_the_attack_sentence_dates_the_attack(sentence):
    text = sentence + " The Pentagon said the wounded were evacuated. Officials blamed Iran-backed militias."
    for title in ("", "Drone attack kills three US troops in Jordan"):
        [report] = detect(text, PUBLISHED, title).reports
        assert (report.base, report.is_primary, report.attack_date, report.date_precision) == \
            ("Tower 22", True, SUNDAY, "day")


def test_an_explicit_date_beside_a_weekday_that_disagrees_wins():
    """"Saturday, Jan. 28" (a slip: Jan. 28 was a Sunday): the calendar date is the stronger evidence."""
    text = "Three soldiers were wounded Saturday, Jan. 28, 2024, in a drone strike on Tower 22 in northeast Jordan."
    [report] = detect(text, PUBLISHED, "").reports
    assert report.attack_date == SUNDAY
