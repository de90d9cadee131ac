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
        "context": "{facts} from {start} to {end}.",
        "context_day": "{facts} on {start}.",
        "context_measured": "Measured results: {results}.",
        "context_more": "{results}; {more} in the outcomes",
        "more": ("more", "more"),
        "routine_context": "{activities}, {facts} from {start} to {end}.",
        "intro": "From {start} to {end} you recorded {facts} and {plans}.",
        "built": "What you built: {groups}.",
        "people_after": "Team and people: {groups}.",
        "people_first": "Team and people come first: {groups}.",
        "delivery": "Projects: {groups}.",
        "group": "{title} ({facts})",
        "measured": "Measured results: {results}.",
        "routine_line": "Routine work: {activities}, {facts}.",
        "other_line": "Other work: {facts}.",
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
        "context": "{facts} с {start} по {end}.",
        "context_day": "{facts} за {start}.",
        "context_measured": "Измеримые результаты: {results}.",
        "context_more": "{results}; ещё {more} — в результатах",
        "more": ("", "", ""),
        "routine_context": "{activities}, {facts} с {start} по {end}.",
        "intro": "С {start} по {end} вы записали {facts} и {plans}.",
        "built": "Что сделано: {groups}.",
        "people_after": "Команда и люди: {groups}.",
        "people_first": "Прежде всего команда и люди: {groups}.",
        "delivery": "Проекты: {groups}.",
        "group": "{title} ({facts})",
        "measured": "Измеримые результаты: {results}.",
        "routine_line": "Рутинная работа: {activities}, {facts}.",
        "other_line": "Другая работа: {facts}.",
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
