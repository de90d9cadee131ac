"""Our date formats, one per language (FORMAT_MODULE_PATH).

Django's own give four looks on one page ("Dec. 1, 2026", "12/01/2026", "1 декабря 2026 г.",
"01.12.2026"). We show one: the day, the month's short name (in Russian its genitive, which
has no short form worth reading) and the year. The short formats are the same on purpose,
so that a template asking for SHORT_DATE_FORMAT cannot bring a second look back. Anything
not set here (input formats, number separators) stays Django's.
"""
