"""The draft itself: its sections in the order the role reads them, each goal's points,
context and the narrative, for a period (`summarize`) or a week (`summarize_week`)."""

import collections
import dataclasses
import itertools

from ..prompts import PROMPT_VERSION
from ..schemas import Bullet, GoalSummary, SummaryRequest, SummaryResult, WeekResult
from .grouping import group_points
from .measured import result_clause
from .points import collapse, read_fact
from .text import TEXT, counted, date_text, plural
from .titles import title_of
from .words import is_verb, spellings

WEEK_BULLETS = 6  # the most points a week's draft gives its lone facts one each


@dataclasses.dataclass
class Section:
    kind: str  # goal, project, people, other, routine
    title: str
    points: list
    goal_ref: str | None = None
    description: str = ""

    @property
    def size(self):
        return sum(len(point.facts) for point in self.points)

    @property
    def people(self):
        facts = [fact for point in self.points for fact in point.facts]
        return sum(fact.people for fact in facts) * 2 >= len(facts)


def analyse(request: SummaryRequest):
    """The period's facts, read and spelt one way, as points."""
    goals = {goal.ref: goal for goal in request.goals}
    facts = [read_fact(entry, goals) for entry in request.entries if entry.type == "fact"]
    spelling = spellings(facts)
    for fact in facts:
        fact.words = [(s, spelling[b] if b else None) for s, b in fact.words]
        fact.tokens = list(dict.fromkeys(t for _, t in fact.words if t))
    verbs = collections.Counter()
    for fact in facts:
        for surface, token in fact.words:
            if token:
                verbs[token] += 1 if is_verb(surface) else -1
    return collapse(facts), {token for token, n in verbs.items() if n > 0}


def sections_of(request: SummaryRequest) -> list[Section]:
    """The draft's sections in the order the role reads them."""
    language = request.language
    goals = {goal.ref: goal for goal in request.goals}
    points, verbs = analyse(request)
    routine = [point for point in points if point.routine]
    clusters, left = group_points([point for point in points if not point.routine], verbs)
    df = collections.Counter(w for point in points if not point.routine for w in point.tokens)
    taken = {goal.title.casefold() for goal in request.goals}
    forms = collections.defaultdict(set)  # each word family's forms: a title's evidence
    for point in points:
        for fact in point.facts:
            for surface, token in fact.words:
                if token:
                    forms[token].add(surface.lower())
    forms = {token: frozenset(words) for token, words in forms.items()}
    sections = []
    for cluster in sorted(clusters, key=lambda c: -sum(len(p.facts) for p in c)):
        anchor = next((p.anchor for p in cluster if p.anchor), ())
        if anchor and anchor[0] == "goal":
            goal = goals[anchor[1]]
            sections.append(Section("goal", goal.title, cluster, goal.ref, goal.description))
            continue
        if anchor:
            title = anchor[1].replace("-", " ").replace("_", " ")
            title = title[:1].upper() + title[1:]
            taken.add(title.casefold())
        else:
            title = title_of(cluster, df, language, taken, forms)
        section = Section("project", title, cluster)
        if section.people:
            section.kind = "people"
        sections.append(section)
    people_left = [point for point in left if point.people]
    if len(people_left) >= 2:
        sections.append(Section("people", TEXT[language]["people"], people_left))
        left = [point for point in left if not point.people]
    goal_order = {goal.ref: n for n, goal in enumerate(request.goals)}
    lead = "people" if request.role == "manager" else "built"

    def order(section):
        is_people = section.kind == "people" or (section.kind == "goal" and section.people)
        first = is_people if lead == "people" else not is_people
        return (
            0 if first else 1,
            goal_order.get(section.goal_ref, len(goal_order)),
            -section.size,
        )

    sections.sort(key=order)
    if left:
        sections.append(Section("other", TEXT[language]["other"], left))
    if routine:
        routine.sort(key=lambda point: (-len(point.facts), point.first))
        sections.append(Section("routine", TEXT[language]["routine"], routine))
    return sections


def date_span(language, points, facts_key="context", day_key="context_day"):
    first = min(point.first for point in points)
    last = max(point.last for point in points)
    count = counted(language, sum(len(point.facts) for point in points), "fact")
    start, end = date_text(language, first), date_text(language, last)
    key = facts_key if first != last else day_key
    return TEXT[language][key].format(facts=count, start=start, end=end)


def context_of(section: Section, language: str) -> str:
    text = TEXT[language]
    parts = []
    if section.description.strip():
        description = " ".join(section.description.split())
        parts.append(description if description[-1] in ".!?…" else description + ".")
    if section.kind == "routine":
        first = min(point.first for point in section.points)
        last = max(point.last for point in section.points)
        parts.append(
            text["routine_context"].format(
                activities=counted(language, len(section.points), "activity"),
                facts=counted(language, section.size, "fact"),
                start=date_text(language, first),
                end=date_text(language, last),
            )
        )
        return " ".join(parts)
    parts.append(date_span(language, section.points))
    results = [result_clause(point.facts[0].text) for point in section.points if point.measured]
    if results:
        shown = "; ".join(results[:3])
        if len(results) > 3:
            more = len(results) - 3
            shown = text["context_more"].format(
                results=shown, more=f"{more} {plural(language, more, text['more'])}".strip()
            )
        parts.append(text["context_measured"].format(results=shown))
    return " ".join(parts)


def goal_summary(section: Section, language: str) -> GoalSummary:
    outputs, outcomes = [], []
    for point in section.points:
        bullet = Bullet(text=point.text(language), entry_refs=point.refs)
        (outcomes if point.measured and section.kind != "routine" else outputs).append(bullet)
    return GoalSummary(
        goal_ref=section.goal_ref,
        title=section.title,
        context=context_of(section, language),
        context_refs=[ref for point in section.points for ref in point.refs],
        outputs=outputs,
        outcomes=outcomes,
    )


def narrative_of(request: SummaryRequest, sections: list[Section]) -> str:
    language = request.language
    text = TEXT[language]
    facts = sum(section.size for section in sections)
    plans = sum(1 for entry in request.entries if entry.type == "plan")
    start, end = date_text(language, request.period_start), date_text(language, request.period_end)
    sentences = [
        text["intro"].format(
            start=start,
            end=end,
            facts=counted(language, facts, "fact"),
            plans=counted(language, plans, "plan"),
        )
    ]

    def listed(chosen):
        return ", ".join(
            text["group"].format(title=s.title, facts=counted(language, s.size, "fact"))
            for s in chosen
        )

    named = [s for s in sections if s.kind in ("goal", "project", "people")]
    people = [s for s in named if s.kind == "people" or (s.kind == "goal" and s.people)]
    built = [s for s in named if s not in people]
    if request.role == "manager":
        if people:
            sentences.append(text["people_first"].format(groups=listed(people)))
        if built:
            sentences.append(text["delivery"].format(groups=listed(built)))
    else:
        if built:
            sentences.append(text["built"].format(groups=listed(built)))
        if people:
            sentences.append(text["people_after"].format(groups=listed(people)))
    # The measured results, the first of each group before the second of any.
    measured = [
        [result_clause(p.facts[0].text) for p in section.points if p.measured] for section in named
    ]
    results = [r for rank in itertools.zip_longest(*measured) for r in rank if r]
    if results:
        sentences.append(text["measured"].format(results="; ".join(results[:4])))
    for section in sections:
        if section.kind == "routine":
            sentences.append(
                text["routine_line"].format(
                    activities=counted(language, len(section.points), "activity"),
                    facts=counted(language, section.size, "fact"),
                )
            )
        elif section.kind == "other":
            sentences.append(
                text["other_line"].format(facts=counted(language, section.size, "fact"))
            )
    return " ".join(sentences)


def summarize(request: SummaryRequest) -> SummaryResult:
    language = request.language
    if request.focus:  # one section rewritten from its own facts: they stay together
        points, _ = analyse(request)
        goal = request.goals[0] if len(request.goals) == 1 else None
        kind = "routine" if request.focus == TEXT[language]["routine"] else "project"
        sections = (
            [
                Section(
                    kind,
                    request.focus,
                    points,
                    goal.ref if goal else None,
                    goal.description if goal else "",
                )
            ]
            if points
            else []
        )
    else:
        sections = sections_of(request)
    goals = [goal_summary(section, language) for section in sections]
    narrative = narrative_of(request, sections) if sections else TEXT[language]["none"]
    return SummaryResult(
        summary_text=narrative,
        goals=goals,
        provider="offline",
        model="offline",
        prompt_version=PROMPT_VERSION,
        is_ai=False,
    )


def summarize_week(request: SummaryRequest) -> WeekResult:
    """A week without AI: one point per group of facts (goal, #tag, shared words), quoting
    each thing done once, with its count when it was done more than once."""
    bullets = []
    sections = sections_of(request)
    alone = sum(len(s.points) for s in sections if s.kind == "other")
    for section in sections:
        if section.kind == "other" and len(sections) - 1 + alone <= WEEK_BULLETS:
            # A few things done once each: a point apiece reads better than one list.
            bullets += [
                Bullet(text=p.text(request.language), entry_refs=p.refs) for p in section.points
            ]
            continue
        quoted = "; ".join(point.text(request.language) for point in section.points)
        title = section.title
        anchor = next((p.anchor for p in section.points if p.anchor), ())
        if anchor and anchor[0] == "tag":
            title = f"#{anchor[1]}"
        text = quoted if len(section.points) == 1 else f"{title}: {quoted}"
        refs = [ref for point in section.points for ref in point.refs]
        bullets.append(Bullet(text=text, entry_refs=refs))
    return WeekResult(
        bullets=bullets,
        provider="offline",
        model="offline",
        prompt_version=PROMPT_VERSION,
        is_ai=False,
    )
