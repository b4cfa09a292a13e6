"""Arabic articles are read into the same reports as English ones. Every sentence here is written for the test."""
from datetime import date

import pytest

from extractors.arabic import normalise
from extractors.arabic_reading import arabic_dates, casualties, projectiles, weapons
from extractors.detect import detect
from extractors.vocabulary import arabic_vocabulary

SUNDAY = date(2026, 3, 15)


def only_primary(text, title="", published=SUNDAY):
    [report] = detect(text, published, title).primary
    return report


@pytest.mark.parametrize("text, base", [
    ("سقطت صواريخ على قاعدة عين الأسد غربي العراق.", "Ain al-Asad Air Base"),
    ("سقطت صواريخ على قاعدة عين الاسد غربي العراق.", "Ain al-Asad Air Base"),
    ("استهدفت طائرة مسيّرة قاعدة حرير شمال أربيل.", "Harir Air Base"),
    ("قصف بطائرة مسيرة يستهدف مطار أربيل الدولي.", "Erbil Air Base"),
    ("هجوم بطائرات مسيرة على قاعدة «التنف» في سوريا.", "Al-Tanf Garrison"),
    ("سقوط صاروخ كاتيوشا قرب معسكر فكتوريا في بغداد.", "Baghdad International Airport"),
    ("هجوم صاروخي على حقل كونيكو للغاز في دير الزور.", "Conoco Mission Support Site"),
    ("استهداف البرج 22 بطائرة مسيرة على الحدود.", "Tower 22"),
])
def test_an_attack_on_a_base_named_in_arabic_is_a_report_under_its_english_name(text, base):
    assert only_primary(text).base == base


def test_a_base_named_without_an_attack_word_is_no_report():
    assert not detect("زار وزير الدفاع قاعدة عين الأسد والتقى الجنود.", SUNDAY).is_attack_report


def test_the_word_for_country_is_not_balad_air_base():
    assert not detect("سقط صاروخ في بلد مجاور أمس.", SUNDAY).reports


@pytest.mark.parametrize("phrase, day", [
    ("أمس", date(2026, 3, 14)), ("فجر اليوم", SUNDAY), ("مساء الجمعة", date(2026, 3, 13)),
    # "laylat Saturday" is the night before Saturday (the Arabic day begins at sunset); "layl Saturday" is its night
    ("ليلة السبت", date(2026, 3, 13)), ("ليل السبت", date(2026, 3, 14)), ("ليلة الجمعة على السبت", date(2026, 3, 13)),
    ("يوم الأربعاء", date(2026, 3, 11)), ("12 آذار", date(2026, 3, 12)),
    ("10 مارس 2026", date(2026, 3, 10)),
])
def test_dates_resolve_against_publication(phrase, day):
    report = only_primary(f"سقطت ثلاثة صواريخ على قاعدة حرير {phrase}.")
    assert (report.attack_date, report.date_precision) == (day, "day")


def test_an_attack_long_before_publication_is_background():
    detection = detect("وكانت قاعدة التاجي قد تعرضت لهجوم صاروخي في 3 يناير 2026.", SUNDAY)
    assert not detection.is_attack_report
    assert detection.reports[0].attack_date == date(2026, 1, 3)


@pytest.mark.parametrize("text, count", [
    ("سقط صاروخين", 2), ("سقطت قذيفتان", 2), ("هجوم بطائرتين مسيرتين", 2), ("سقوط ثلاثة صواريخ", 3),
    ("اطلاق ٤ صواريخ", 4), ("اطلاق 7 قذائف هاون", 7), ("هجوم صاروخي", None),
    ("سقوط صاروخ كاتيوشا واحد", 1), ("طائرة مسيرة مفخخة واحدة", 1), ("سقوط قذيفتي هاون", 2),
])
def test_counts_in_digits_words_and_duals(text, count):
    assert projectiles(normalise(text), arabic_vocabulary()) == count


@pytest.mark.parametrize("text, kinds", [
    ("سقوط صواريخ كاتيوشا", ("rocket",)), ("طائرة مسيّرة مفخخة", ("drone",)), ("قذائف هاون", ("mortar",)),
    ("انفجار عبوة ناسفة", ("ied",)), ("صاروخ باليستي", ("missile",)),
])
def test_weapon_words(text, kinds):
    assert weapons([normalise(text)], arabic_vocabulary()) == kinds


@pytest.mark.parametrize("text, toll", [
    ("دون وقوع إصابات", (0, 0)), ("لم يسفر عن إصابات", (0, 0)), ("لم يسفر عن خسائر", (0, 0)),
    ("مقتل 3 جنود وإصابة خمسة آخرين", (3, 5)), ("إصابة شخصين بجروح", (None, 2)),
    ("استشهاد جندي واحد وإصابة اثنين آخرين", (1, 2)), ("مقتل جندي", (1, None)),
    ("لم يسفر عن أي خسائر بشرية", (0, 0)), ("دون تسجيل خسائر بشرية", (0, 0)),
])
def test_casualties_and_no_losses(text, toll):
    assert casualties([normalise(text)], arabic_vocabulary()) == toll


def test_claims_and_blame_name_the_group():
    report = only_primary("استهدفت مسيرة قاعدة عين الأسد فجر اليوم. وتبنت المقاومة الإسلامية في العراق الهجوم.")
    assert report.claimed_by == "Islamic Resistance in Iraq"
    blamed = only_primary("سقطت صواريخ على مطار أربيل أمس، واتهمت السلطات كتائب حزب الله بالهجوم.")
    assert (blamed.claimed_by, blamed.suspected) == (None, "Kataib Hezbollah")


def test_two_bases_attacked_the_same_night_are_two_reports():
    detection = detect("استهدفت طائرات مسيرة قاعدة حرير وقاعدة عين الأسد فجر اليوم.", SUNDAY)
    assert {r.base for r in detection.primary} == {"Harir Air Base", "Ain al-Asad Air Base"}


def test_arabic_dates_are_found_in_reading_order():
    found = arabic_dates(normalise("أعلن اليوم أن الهجوم وقع أمس"), SUNDAY)
    assert [d.value for d in found] == [SUNDAY, date(2026, 3, 14)]


def test_a_toll_between_two_mentions_of_the_base_belongs_to_its_report():
    report = only_primary("استهدفت مسيرة معسكر التاجي فجر اليوم. وقال مصدر أمني إن 3 جنود قتلوا. "
                          "وأضاف أن الهجوم على معسكر التاجي استمر ساعة.")
    assert report.killed == 3


def test_a_group_announcing_it_struck_is_the_claim_even_in_another_sentence():
    report = only_primary("سقطت صواريخ على قاعدة حرير أمس. وقالت كتائب حزب الله إنها استهدفت القاعدة.")
    assert report.claimed_by == "Kataib Hezbollah"
    unclaimed = only_primary("سقطت صواريخ على قاعدة حرير أمس. ولم تتبن أي جهة الهجوم حتى الآن.")
    assert unclaimed.claimed_by is None


def test_an_aftermath_story_dated_last_month_is_background_with_its_month():
    detection = detect("أعلنت الوزارة أن عدد المصابين في الهجوم الصاروخي على #عين_الأسد مطلع الشهر الماضي ارتفع.",
                       SUNDAY, "الهجوم على عين الأسد تسبب بإصابات")
    assert not detection.is_attack_report
    assert {(r.attack_date, r.date_precision) for r in detection.reports} == {(date(2026, 2, 1), "month")}


def test_a_date_written_with_digits_is_not_a_count():
    assert projectiles(normalise("تاريخ 2026-03-09 قذائف تسقط قرب المطار"), arabic_vocabulary()) is None


def test_a_hashtag_names_the_weapon():
    assert weapons([normalise("#الصواريخ_البالستية")], arabic_vocabulary()) == ("missile",)


def test_without_publication_or_date_phrase_the_report_is_undated():
    report = only_primary("سقطت صواريخ على قاعدة حرير.", published=None)
    assert (report.attack_date, report.date_precision) == (None, None)


def test_a_singular_projectile_in_a_story_that_never_speaks_of_several_is_one():
    assert only_primary("استهدفت طائرة مسيرة قاعدة حرير أمس. وقال مصدر إن المسيرة سقطت قرب المدرج.").projectiles == 1
    assert only_primary("استهدفت طائرة مسيرة قاعدة حرير أمس. وتلتها صواريخ عدة.").projectiles is None


@pytest.mark.parametrize("text", [
    "نفذت القوات تمريناً في قاعدة عين الأسد حاكى التصدي لهجوم بطائرات مسيرة.",
    "هددت فصائل مسلحة باستهداف قاعدة التنف.",
    "سقوط طائرة مسيرة صغيرة للاستطلاع قرب قاعدة حرير.",
])
def test_drills_threats_and_reconnaissance_flights_are_no_attack(text):
    assert not detect(text, SUNDAY).is_attack_report


def test_today_of_the_statement_gives_way_to_the_earlier_day_of_the_attack():
    report = only_primary("أعلنت خلية الإعلام الأمني، اليوم الأحد، سقوط صاروخ على قاعدة حرير مساء الجمعة.")
    assert report.attack_date == date(2026, 3, 13)
    told = only_primary("أفاد مصدر أمني اليوم الأحد بسقوط قذيفة على قاعدة حرير. وقال إن القذيفة سقطت مساء السبت.")
    assert told.attack_date == date(2026, 3, 14)


def test_earlier_today_is_not_background():
    report = only_primary("وفي وقت سابق من اليوم، أعلن الجيش مقتل جنديين في هجوم على قاعدة حرير.")
    assert (report.attack_date, report.killed) == (SUNDAY, 2)


@pytest.mark.parametrize("text", [
    "سقطت صواريخ على #عين_الأسد", "هجوم وللتنف", "استهداف بقاعدة حرير", "استهداف مطار أربيل الدولي", "قصف البرج 22",
    "قصف قاعدة K1", "لم يذكر أي موقع عسكري",
])
def test_the_name_cue_prefilter_finds_what_the_gazetteer_finds(text):
    from extractors.gazetteer import _arabic_index, find_arabic_bases
    norm = normalise(text)
    regex, by_group, _ = _arabic_index()
    assert [m.base for m in find_arabic_bases(norm)] == [by_group[m.lastindex - 1] for m in regex.finditer(norm)]
