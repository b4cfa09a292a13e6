"""Near-duplicate fingerprints: copies count once, and texts in different scripts are never copies."""
from extractors.fingerprint import count_independent, near_duplicates, text_fingerprint

ARABIC = ("سقط صاروخان على قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق فجر اليوم الأحد، "
          "وقالت خلية الإعلام الأمني إن الهجوم لم يسفر عن إصابات، ولم تتبن أي جهة الهجوم حتى الآن.")
ENGLISH = ("Two rockets struck Ain al-Asad air base in Anbar province in western Iraq at dawn on Sunday; the "
           "Security Media Cell said the attack caused no casualties and no group has claimed it so far.")


def test_a_copy_with_other_diacritics_and_hamza_spelling_is_a_near_duplicate():
    respelt = ARABIC.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه").replace("ى", "ي").replace("ل", "لـ")
    assert near_duplicates(text_fingerprint(ARABIC), text_fingerprint(respelt))


def test_texts_in_two_scripts_share_no_hash_even_with_the_same_latin_names_and_figures():
    shared = " K1 2026 Kataib Hezbollah 107mm K1 2026 Kataib Hezbollah 107mm"
    arabic, english = text_fingerprint(ARABIC + shared), text_fingerprint(ENGLISH + shared)
    assert not set(arabic) & set(english)
    assert count_independent([arabic, english]) == 2


def test_english_copies_still_count_once():
    copy = "Reuters - " + ENGLISH + " Read more."
    assert count_independent([text_fingerprint(ENGLISH), text_fingerprint(copy)]) == 1
