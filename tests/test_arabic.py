from extractors.arabic import language, normalise


def test_alef_and_hamza_forms_fold_to_bare_alef():
    assert normalise("أربيل إيران آمرلي ٱلقاعدة") == "اربيل ايران امرلي القاعده"


def test_ta_marbuta_and_alef_maqsura_fold():
    assert normalise("قاعدة مستشفى") == "قاعده مستشفي"


def test_diacritics_and_tatweel_are_dropped():
    assert normalise("مُسَيَّرَةٌ") == "مسيره"
    assert normalise("صـــاروخ") == "صاروخ"


def test_arabic_indic_and_persian_digits_become_ascii():
    assert normalise("٣ صواريخ و۴ قذائف") == "3 صواريخ و4 قذائف"


def test_latin_text_is_untouched():
    assert normalise("Ain al-Asad, 3 rockets") == "Ain al-Asad, 3 rockets"


def test_language_follows_the_majority_of_letters():
    assert language("سقط صاروخان على قاعدة عين الأسد (Ain al-Asad)") == "ar"
    assert language("Two rockets hit Ain al-Asad, قاعدة عين الأسد") == "en"
    assert language("") == "en"
