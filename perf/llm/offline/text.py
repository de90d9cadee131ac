"""The draft's wording in both languages: written here, not in gettext, so that a draft
without AI reads the same whatever catalogues are compiled."""

import functools

from django.utils import formats, translation

TEXT = {
    "en": {
        "routine": "Routine work",
        "other": "Other work",
        "people": "Team and people",
        "and": "{} and {}",
        "fact": ("fact", "facts"),
        "plan": ("plan", "plans"),
        "time": ("time", "times"),
        "similar": ("similar entry", "similar entries"),
        "activity": ("recurring activity", "recurring activities"),
        "repeated": "{text} — {count}, from {start} to {end}",
        "repeated_day": "{text} — {count}, on {start}",
        "context": "Work from {start} to {end} ({facts}).",
        "context_day": "Work on {start} ({facts}).",
        "context_measured": "Results: {results}.",
        "context_more": "{results}; {more} more in the outcomes",
        "routine_context": "{activities} from {start} to {end} ({facts}).",
        "intro": "From {start} to {end} you recorded {facts} and {plans}.",
        "intro_facts": "From {start} to {end} you recorded {facts}.",
        "projects": "The main projects were {groups}.",
        "projects_people": "The main projects were {groups}; team and people: {people}.",
        "people_first": "Team and people come first: {people}.",
        "people_projects": "Team and people come first: {people}; the main projects were {groups}.",
        "headline": "Headline results: {results}.",
        "rest": "Besides, {parts}.",
        "routine_part": "routine work ({activities}, {facts})",
        "other_part": "other work ({facts})",
        "none": "There are no facts in this period yet: write what you did on Today, then "
        "generate again.",
    },
    "ru": {
        "routine": "Рутинная работа",
        "other": "Другая работа",
        "people": "Команда и люди",
        "and": "{} и {}",
        "fact": ("факт", "факта", "фактов"),
        "plan": ("план", "плана", "планов"),
        "time": ("раз", "раза", "раз"),
        "similar": ("похожая запись", "похожих записи", "похожих записей"),
        "activity": ("повторяющееся дело", "повторяющихся дела", "повторяющихся дел"),
        "repeated": "{text} — {count}, с {start} по {end}",
        "repeated_day": "{text} — {count}, {start}",
        "context": "Работа с {start} по {end} ({facts}).",
        "context_day": "Работа за {start} ({facts}).",
        "context_measured": "Эффект: {results}.",
        "context_more": "{results}; ещё {more} — в разделе «Эффект»",
        "routine_context": "{activities} с {start} по {end} ({facts}).",
        "intro": "С {start} по {end} вы записали {facts} и {plans}.",
        "intro_facts": "С {start} по {end} вы записали {facts}.",
        "projects": "Основные проекты: {groups}.",
        "projects_people": "Основные проекты: {groups}; команда и люди: {people}.",
        "people_first": "Прежде всего команда и люди: {people}.",
        "people_projects": "Прежде всего команда и люди: {people}; основные проекты: {groups}.",
        "headline": "Главные результаты: {results}.",
        "rest": "Кроме того, {parts}.",
        "routine_part": "рутинная работа ({activities}, {facts})",
        "other_part": "другая работа ({facts})",
        "none": "В этом периоде пока нет фактов: запишите на экране «Сегодня», что вы сделали, "
        "и сформируйте саммари снова.",
    },
}


def plural(language, count, forms):
    if language == "en":
        return forms[0] if count == 1 else forms[1]
    if count % 10 == 1 and count % 100 != 11:
        return forms[0]
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return forms[1]
    return forms[2]


def counted(language, count, key):
    return f"{count} {plural(language, count, TEXT[language][key])}"


@functools.lru_cache(maxsize=4096)
def date_text(language, day):
    """A date as the app writes it in this language (Django's DATE_FORMAT)."""
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def date_range(language, first, last):
    """The first and the last day as a range writes them: the year once when it is the
    same ("6 Jan to 24 Jun 2026", "с 6 января по 24 июня 2026")."""
    if first.year != last.year:
        return date_text(language, first), date_text(language, last)
    with translation.override(language):
        start = formats.date_format(first, "MONTH_DAY_FORMAT")
    return start, date_text(language, last)


def listed(language, items):
    """Items as a sentence lists them: "A, B and C"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return TEXT[language]["and"].format(", ".join(items[:-1]), items[-1])
