"""The program's language (English, the source, or Ukrainian), for the core and the window alike.

Every text a person reads goes through ``tr``: ``tr_n`` when it holds a count, ``tr_c`` for short
words that need a context, ``tr_mark`` for a text kept in a table made at import (translated by
``tr`` where it is shown). ``use_language`` switches the catalog, ``choose_language`` picks the
language from Settings or the system, and ``app.language.formats`` writes numbers, money and dates
the language's way. Plain ``gettext`` at run time: importing this costs about a millisecond.
"""

from app.language.catalogs import NAMES, SUPPORTED, current_language, tr, tr_c, tr_mark, tr_n, use_language
from app.language.choice import SYSTEM, choose_language

__all__ = [
    "NAMES",
    "SUPPORTED",
    "SYSTEM",
    "choose_language",
    "current_language",
    "tr",
    "tr_c",
    "tr_mark",
    "tr_n",
    "use_language",
]
