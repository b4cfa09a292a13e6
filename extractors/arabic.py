"""Arabic text: one normalisation that every Arabic rule matches on, and which script an article is in.

Arabic news spells one word several ways: hamza seats on alef are often dropped (أ إ آ ٱ → ا), a final
ta marbuta is written as ha (ة → ه), a final ya without dots (ى → ي); diacritics and tatweel are
optional decoration; numbers come in Arabic-Indic or Persian digits. Rules written on the normalised form
match every spelling. Normalisation maps one character to at most one, so it never mixes scripts.
"""
from __future__ import annotations

import re

_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
})
# harakat, tanwin, shadda, sukun, superscript alef (U+064B–U+0652, U+0670) and tatweel (U+0640)
_DECORATION = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def normalise(text: str) -> str:
    """`text` with Arabic spelling variants folded to one form (see the module docstring)."""
    return _DECORATION.sub("", text).translate(_LETTERS)


def language(text: str) -> str:
    """"ar" when most of the text's letters are Arabic, else "en": cheap, and enough to pick a reader."""
    if not _ARABIC_LETTER.search(text):  # most pages: no need to count the Latin letters one by one
        return "en"
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return "ar" if arabic > latin else "en"
