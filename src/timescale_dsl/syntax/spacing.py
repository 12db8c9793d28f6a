"""Spaces as word processors leave them, read as the plain spaces they stand for.

Rows copied out of a framework document carry no-break spaces ("within\u00a05
working days"), narrow and figure spaces, and unseen zero-width characters
where a space or nothing was meant. Each is read as one plain space before the
text is parsed: one character for one, so every line and column a message
gives is still the author's.
"""

from __future__ import annotations

from typing import Final

#: No-break, figure, narrow no-break, thin, hair, en and em spaces; zero-width
#: space, non-joiner and joiner, word joiner, and a byte-order mark inside the text.
DOCUMENT_SPACES: Final = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u200b\u200c\u200d\u2060\ufeff"
_AS_SPACE: Final = str.maketrans(dict.fromkeys(DOCUMENT_SPACES, " "))


def plain_spaces(text: str) -> str:
    """``text`` with each of :data:`DOCUMENT_SPACES` as a plain space."""
    return text.translate(_AS_SPACE)
