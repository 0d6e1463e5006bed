"""Digits: kept as written by default; on request all Persian («۱۴۰۳») or all ASCII («1403»).

>>> digits_persian("سال 1403 و ٢٠٢٤")[0]
'سال ۱۴۰۳ و ۲۰۲۴'
>>> digits_ascii("سال ۱۴۰۳")[0]
'سال 1403'
"""

from __future__ import annotations

from rokhdad.normalize.offsets import Edit

_TO_PERSIAN = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹" * 2)
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def digits_persian(text: str) -> tuple[str, list[Edit]]:
    """ASCII and Arabic-Indic digits → Persian digits."""
    return text.translate(_TO_PERSIAN), []


def digits_ascii(text: str) -> tuple[str, list[Edit]]:
    """Persian and Arabic-Indic digits → ASCII digits."""
    return text.translate(_TO_ASCII), []
