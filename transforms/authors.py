"""Author name normalisation: the key that merges spellings of one name, and the stable id derived from it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Letters whose diacritic is not a combining mark, so NFKD alone keeps them.
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """`"José  Álvarez"` -> `"jose alvarez"`: NFKC, casefolded, diacritics stripped, whitespace collapsed.

    Homonyms merge by design: two people who share a name share a key.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


@lru_cache(maxsize=200_000)
def author_id(key: str) -> str:
    """A short stable id for a name key: the same key gives the same id in every run and on every machine."""
    return "a" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
