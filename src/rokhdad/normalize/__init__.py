"""Persian normalization that keeps offsets back to the original text.

``normalize(text)`` returns a :class:`NormalizedText`: the normalized string and a
map such that any span of it maps back to the exact span of the original.

    >>> nt = normalize("كشور")
    >>> nt.text
    'کشور'
    >>> nt.to_original(0, 4)
    (0, 4)
"""

from __future__ import annotations

from rokhdad.normalize.offsets import NormalizedText

__all__ = ["NormalizedText", "normalize"]

# Arabic letters written for their Persian twins in older or foreign-keyboard text.
_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def normalize(text: str) -> NormalizedText:
    """Minimal one-to-one normalization (letters only); the full normalizer replaces it."""
    return NormalizedText.identity(text).with_text(text.translate(_ARABIC_TO_PERSIAN))
