"""A summary without AI: the period's facts, grouped and lifted, nothing invented.

Facts are grouped by the goal they are linked to, then by their first #tag, then by the
key word they share with other facts (stemmed, Russian or English); each fact becomes an
output citing itself, and facts that state a measurable result become outcomes too.
"""

import collections
import re

import snowballstemmer

from .prompts import PROMPT_VERSION
from .schemas import (
    GOAL_TAG,
    Bullet,
    GoalSummary,
    PolishRequest,
    PolishResult,
    SummaryRequest,
    SummaryResult,
    WeekResult,
)

WORD = re.compile(r"[^\W\d_]{4,}")
# A measured result: a percentage, "from X to Y", "x2", "в 3 раза", or a number with a unit.
MEASURED = re.compile(
    r"\d+(?:[.,]\d+)?\s?%"
    r"|\b(?:from|с|со)\s+\S*\d\S*\s+(?:to|до)\s+\S*\d"
    r"|\bx\s?\d+|\d+\s?x\b|\bв\s+\d+(?:[.,]\d+)?\s+раза?\b"
    r"|\d+(?:[.,]\d+)?\s?(?:ms|мс|s|с|sec|сек|min|мин|h|ч|hours?|час\w*|days?|дн\w*|"
    r"gb|гб|mb|мб|kb|кб|rps|qps|users?|пользовател\w*|клиент\w*|customers?|\$|₽|€|k\b|к\b)",
    re.IGNORECASE,
)
STOPWORDS = {
    "this", "that", "with", "from", "into", "have", "were", "will", "about", "after", "before",
    "team", "work", "done", "made", "also", "more", "some", "other", "week", "today",
    "этот", "этой", "того", "если", "чтобы", "после", "перед", "было", "были", "будет",
    "также", "ещё", "еще", "всех", "всем", "много", "сделал", "сделала", "сегодня", "работа",
}  # fmt: skip

TEXT = {
    "en": {
        "other": "Other work",
        "context": "{facts} recorded between {start} and {end}.",
        "context_day": "{facts} recorded on {start}.",
        "narrative": (
            "From {start} to {end} you recorded {facts} and {plans}. The work falls into "
            "{areas}: {titles}. {measured}"
        ),
        "measured": "Facts with a measurable result: {count}.",
        "none": "There are no facts in this period yet: write what you did on Today, then "
        "generate again.",
    },
    "ru": {
        "other": "Другая работа",
        "context": "{facts} с {start} по {end}.",
        "context_day": "{facts} за {start}.",
        "narrative": (
            "С {start} по {end} вы записали {facts} и {plans}. Работа складывается в "
            "{areas}: {titles}. {measured}"
        ),
        "measured": "Фактов с измеримым результатом: {count}.",
        "none": "В этом периоде пока нет фактов: запишите на экране «Сегодня», что вы сделали, "
        "и сформируйте саммари снова.",
    },
}


def _plural(language, count, en, ru):
    if language == "en":
        return f"{count} {en[0] if count == 1 else en[1]}"
    if count % 10 == 1 and count % 100 != 11:
        form = ru[0]
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        form = ru[1]
    else:
        form = ru[2]
    return f"{count} {form}"


def _stems(text: str) -> list[str]:
    stems = []
    for word in WORD.findall(text.lower()):
        if word in STOPWORDS:
            continue
        stemmer = _RUSSIAN if re.search("[а-яё]", word) else _ENGLISH
        stems.append(stemmer.stemWord(word))
    return stems


_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


def _group(request: SummaryRequest):
    """Facts by goal, then #tag, then a shared key word; returns [(goal_ref, title, facts)]."""
    facts = [entry for entry in request.entries if entry.type == "fact"]
    goals = {goal.ref: goal for goal in request.goals}
    groups: dict[tuple, list] = collections.OrderedDict()
    titles: dict[tuple, tuple] = {}
    rest = []
    for fact in facts:
        goal_ref = next((ref for ref in fact.goal_refs if ref in goals), None)
        tag = GOAL_TAG.search(fact.text)
        if goal_ref:
            key = ("goal", goal_ref)
            titles[key] = (goal_ref, goals[goal_ref].title)
        elif tag:
            key = ("tag", tag.group(1).lower())
            titles[key] = (None, f"#{tag.group(1)}")
        else:
            rest.append(fact)
            continue
        groups.setdefault(key, []).append(fact)

    # Key words: a stem shared by two or more facts names their group; the most shared wins.
    stems_of = {fact.ref: list(dict.fromkeys(_stems(fact.text))) for fact in rest}
    frequency = collections.Counter(stem for stems in stems_of.values() for stem in stems)
    surface: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for fact in rest:
        for word in WORD.findall(fact.text):
            stemmer = _RUSSIAN if re.search("[а-яё]", word.lower()) else _ENGLISH
            surface[stemmer.stemWord(word.lower())][word.lower()] += 1
    others = []
    for fact in rest:
        shared = [stem for stem in stems_of[fact.ref] if frequency[stem] >= 2]
        if not shared:
            others.append(fact)
            continue
        stem = max(shared, key=lambda s: (frequency[s], -stems_of[fact.ref].index(s)))
        key = ("word", stem)
        titles[key] = (None, surface[stem].most_common(1)[0][0].capitalize())
        groups.setdefault(key, []).append(fact)
    if others:
        groups[("other",)] = others
        titles[("other",)] = (None, TEXT[request.language]["other"])
    return [(*titles[key], members) for key, members in groups.items()]


def summarize(request: SummaryRequest) -> SummaryResult:
    text = TEXT[request.language]
    language = request.language
    if request.focus:  # one section rewritten: all its facts stay together
        goal_ref = request.goals[0].ref if len(request.goals) == 1 else None
        facts = [entry for entry in request.entries if entry.type == "fact"]
        groups = [(goal_ref, request.focus, facts)] if facts else []
    else:
        groups = _group(request)
    goals = []
    measured = 0
    for goal_ref, title, facts in groups:
        outcomes = [
            Bullet(text=fact.text, entry_refs=[fact.ref])
            for fact in facts
            if MEASURED.search(fact.text)
        ]
        measured += len(outcomes)
        goals.append(
            GoalSummary(
                goal_ref=goal_ref,
                title=title,
                context=text[
                    "context" if facts[0].date != facts[-1].date else "context_day"
                ].format(
                    facts=_plural(
                        language, len(facts), ("fact", "facts"), ("факт", "факта", "фактов")
                    ),
                    start=facts[0].date.isoformat(),
                    end=facts[-1].date.isoformat(),
                ),
                outputs=[Bullet(text=fact.text, entry_refs=[fact.ref]) for fact in facts],
                outcomes=outcomes,
            )
        )
    fact_count = sum(len(facts) for _, _, facts in groups)
    plan_count = sum(1 for entry in request.entries if entry.type == "plan")
    if fact_count:
        narrative = (
            text["narrative"]
            .format(
                start=request.period_start.isoformat(),
                end=request.period_end.isoformat(),
                facts=_plural(language, fact_count, ("fact", "facts"), ("факт", "факта", "фактов")),
                plans=_plural(language, plan_count, ("plan", "plans"), ("план", "плана", "планов")),
                areas=_plural(
                    language,
                    len(goals),
                    ("area", "areas"),
                    ("направление", "направления", "направлений"),
                ),
                titles=", ".join(goal.title for goal in goals),
                measured=text["measured"].format(count=measured) if measured else "",
            )
            .replace("  ", " ")
        )
    else:
        narrative = text["none"]
    return SummaryResult(
        summary_text=narrative,
        goals=goals,
        provider="offline",
        model="offline",
        prompt_version=PROMPT_VERSION,
        is_ai=False,
    )


def summarize_week(request: SummaryRequest) -> WeekResult:
    """A week without AI: one point per group of facts (goal, #tag, shared word), quoting
    the facts themselves."""
    bullets = []
    for _goal_ref, title, facts in _group(request):
        quoted = "; ".join(" ".join(fact.text.split()) for fact in facts)
        text = quoted if len(facts) == 1 else f"{title}: {quoted}"
        bullets.append(Bullet(text=text, entry_refs=[fact.ref for fact in facts]))
    return WeekResult(
        bullets=bullets,
        provider="offline",
        model="offline",
        prompt_version=PROMPT_VERSION,
        is_ai=False,
    )


# Words that carry nothing in a review, dropped by the light-touch polish.
FILLERS = re.compile(
    r"\s*\b(?:just|basically|actually|kind of|sort of|просто|вроде бы|вроде|как бы|типа)\b",
    re.IGNORECASE,
)


def polish(request: PolishRequest) -> PolishResult:
    """A light touch without AI: spacing, filler words, a capital first letter. It never
    rewords, so it cannot change a fact."""
    text = " ".join(FILLERS.sub("", " " + request.text).split())
    text = text.strip(" ,;")
    text = text[:1].upper() + text[1:]
    return PolishResult(original=request.text, rewrite=text, provider="offline",
                        model="offline", is_ai=False)  # fmt: skip
