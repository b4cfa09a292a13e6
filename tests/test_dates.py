"""Date phrases of wire copy resolved against the publication date."""
from datetime import date

import pytest

from extractors.dates import best_date, find_dates, local_day, weekday_on_or_before

MONDAY = date(2020, 6, 15)


def resolve(sentence: str, published: date = MONDAY):
    found = best_date(find_dates(sentence, published))
    return (found.value, found.precision) if found else None


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Rockets hit the base on Saturday.", date(2020, 6, 13)),
    ("Rockets hit the base late Saturday.", date(2020, 6, 13)),
    ("Rockets hit the base on Saturday night.", date(2020, 6, 13)),
    ("Rockets hit the base in the early hours of Sunday.", date(2020, 6, 14)),
    ("Gunmen attacked overnight Sunday to Monday.", date(2020, 6, 15)),
    ("Rockets hit the base on Tuesday.", date(2020, 6, 9)),
])
def test_weekday_is_the_most_recent_such_day(phrase, expected):
    assert resolve(phrase) == (expected, "day")


def test_a_weekday_a_future_verb_governs_dates_nothing_unless_it_owns_the_event():
    assert resolve("The minister will visit the wounded at the garrison on Thursday.") is None
    assert resolve("Talks on the base's future open next Wednesday.") is None
    assert resolve("Investigators will examine Saturday's attack on the camp.") == (date(2020, 6, 13), "day")
    # a clause break ends what the verb governs
    assert resolve("The army will hold a funeral, but the rockets fell on Friday.") == (date(2020, 6, 12), "day")


def test_a_weekday_in_local_time_may_be_the_day_after_publication():
    """The place's clock may run ahead of the outlet's; without "local" the weekday is the most recent one."""
    assert resolve("Shells hit the post at 1:10 a.m. local time on Tuesday.") == (date(2020, 6, 16), "day")
    assert resolve("Shells hit the post at 1:10 a.m. on Tuesday, local time.") == (date(2020, 6, 16), "day")
    assert resolve("Shells hit the post on Tuesday.") == (date(2020, 6, 9), "day")
    assert resolve("Shells hit the post at noon local time on Wednesday.") == (date(2020, 6, 10), "day")


def test_a_day_before_over_or_into_the_event_is_when_people_reacted_to_it():
    def spoken(sentence: str) -> list[bool]:
        return [d.speech for d in find_dates(sentence, MONDAY)]
    assert spoken("Lawmakers clashed on Monday over the drone attack on the airfield.") == [True]
    assert spoken("An inquiry was opened on Monday into the bombing at the gate.") == [True]
    assert spoken("Rockets hit the base on Monday over the objections of nobody.") == [False]


def test_a_weekday_with_its_part_of_the_day_owns_the_event_after_it():
    [tuesday] = find_dates("Doctors treated soldiers hurt in Tuesday evening's drone attack.", MONDAY)
    assert (tuesday.value, tuesday.event_end is not None) == (date(2020, 6, 9), True)
    assert [d.timed for d in find_dates("Gunmen fired at the post at 11.40 pm on Sunday; the minister spoke on "
                                         "Monday.", MONDAY)] == [True, False]


def test_publication_weekday_means_the_publication_day():
    assert weekday_on_or_before("monday", MONDAY) == MONDAY
    assert resolve("Three rockets landed on Monday afternoon.") == (MONDAY, "day")


def test_relative_days():
    assert resolve("A drone hit the airport yesterday.") == (date(2020, 6, 14), "day")
    assert resolve("Drones attacked the airfield overnight.") == (MONDAY, "day")
    assert resolve("Rockets fell on the camp last night.") == (date(2020, 6, 14), "day")


def test_month_and_day_without_year_never_lands_after_publication():
    assert resolve("Rockets hit the base on Dec. 29.", date(2020, 1, 2)) == (date(2019, 12, 29), "day")
    assert resolve("Early on May 8th, a drone struck.", date(2021, 5, 8)) == (date(2021, 5, 8), "day")
    assert resolve("The base was targeted on Oct. 18, the Pentagon said.", date(2023, 10, 21)) == (date(2023, 10, 18), "day")


def test_numeric_date_is_read_the_way_that_is_not_in_the_future():
    assert resolve("Hezbollah said on Saturday (6/1/2024) that it fired rockets.", date(2024, 1, 7)) == (date(2024, 1, 6), "day")


def test_month_only_phrases_have_month_precision():
    assert resolve("In March, Taji came under a rocket attack.") == (date(2020, 3, 1), "month")
    assert resolve("The base was also attacked in December.", date(2021, 3, 15)) == (date(2020, 12, 1), "month")
    assert resolve("Drones struck the base last month.") == (date(2020, 5, 1), "month")
    assert resolve("A previous attack hit the base in December 2019.") == (date(2019, 12, 1), "month")


def test_years_ago_has_year_precision():
    assert resolve("The attack two years ago killed two officers.", date(2005, 4, 21)) == (date(2003, 1, 1), "year")


def test_event_dates_beat_dates_of_statements_and_datelines():
    found = find_dates("The army said on Tuesday that rockets struck the base on Monday.", date(2020, 6, 16))
    assert [d.speech for d in found] == [True, False]
    assert best_date(found).value == date(2020, 6, 15)
    dateline = find_dates("15 Apr 2021; MEMO: A drone targeted the airport yesterday.", date(2021, 4, 15))
    assert best_date(dateline).value == date(2021, 4, 14)


def test_lowercase_may_is_not_a_month():
    assert find_dates("This may be the peak of the cycle.", MONDAY) == []


def test_without_publication_only_absolute_dates_resolve():
    assert resolve("Rockets hit the base on Monday.", None) is None
    assert resolve("Rockets hit the base on June 17, 2019.", None) == (date(2019, 6, 17), "day")


def test_the_nth_of_this_month_in_translated_statements_is_a_day():
    assert resolve("Rockets hit the base on the evening of the 4th of this month.", date(2024, 2, 6)) == \
        (date(2024, 2, 4), "day")
    assert resolve("Troops of the 4th of the brigades were deployed.", date(2024, 2, 6)) is None


def test_relative_words_count_from_the_day_the_source_spoke():
    # published on a Friday; the source spoke on Thursday about the night before it
    text = "Soldiers repelled raiders at the outpost in an overnight firefight, officials said Thursday."
    [overnight] = [d for d in find_dates(text, date(2024, 3, 8)) if not d.speech]
    assert overnight.value == date(2024, 3, 7)
    assert [d.value for d in find_dates("Rockets hit the camp overnight, the army said.", date(2024, 3, 8))] == \
        [date(2024, 3, 8)]


def test_the_day_a_toll_rose_is_not_the_day_of_the_attack():
    [rise] = find_dates("The death toll from the attack on the camp rose to nine soldiers on Tuesday.", date(2025, 2, 12))
    assert rise.speech


def test_a_night_between_numbered_weekdays_is_the_later_day():
    text = "Gunmen attacked the camp in the night of Friday 6 to Saturday 7 June, officials said."
    assert {d.value for d in find_dates(text, date(2025, 6, 9))} == {date(2025, 6, 7)}


def test_a_dateline_stamped_with_the_hour_and_the_outlet_is_when_the_story_was_filed():
    text = "GAO, Mali, March 4 (0130 GMT) (Sahel Wire) - Mortar rounds hit the camp late on Monday, officials said."
    filed, monday = find_dates(text, date(2025, 3, 4))
    assert (filed.speech, monday.value) == (True, date(2025, 3, 3))


def test_a_day_owning_the_attack_dates_it_and_a_claim_is_said_on_its_day():
    sentence = "The group on Thursday claimed responsibility for Tuesday's attack on the army camp at Djibo."
    claim_day, attack_day = find_dates(sentence, date(2025, 6, 13))
    assert (claim_day.value, claim_day.speech) == (date(2025, 6, 12), True)
    assert (attack_day.value, attack_day.speech) == (date(2025, 6, 10), False)


def test_a_day_on_another_clock_moves_only_where_the_country_keeps_one_time():
    late = (22 * 60, "UTC")
    assert local_day(date(2024, 11, 9), late, "SO") == date(2024, 11, 10)  # Somalia: UTC+3
    assert local_day(date(2024, 11, 9), late, "CO") == date(2024, 11, 9)  # Colombia: UTC-5, still Saturday
    # at 20:00 UTC it is Saturday in Kaliningrad and Moscow, Sunday in Vladivostok: Russia's zones disagree
    assert local_day(date(2024, 11, 9), (20 * 60, "UTC"), "RU") == date(2024, 11, 9)
    assert local_day(date(2024, 11, 9), late, None) == date(2024, 11, 9)
