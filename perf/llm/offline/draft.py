"""The draft itself: its sections in the order the role reads them, each goal's points,
context and the narrative, for a period (`summarize`) or a week (`summarize_week`)."""

import collections
import dataclasses
import itertools
import re

from ..prompts import PROMPT_VERSION
from ..schemas import Bullet, GoalSummary, SummaryRequest, SummaryResult, WeekResult
from .grouping import group_points
from .measured import result_clause
from .points import collapse, read_fact
from .text import TEXT, counted, date_range, date_text, listed
from .titles import title_of
from .words import is_verb, spellings

WEEK_BULLETS = 6  # the most points a week's draft gives its lone facts one each
CONTEXT_RESULTS = 3  # the results a goal's context quotes before "N more in the outcomes"
HEADLINES = 2  # the results the narrative quotes
MAIN_PROJECTS = {False: 4, True: 3}  # the projects the narrative names, engineer / manager
MAIN_PEOPLE = {False: 2, True: 3}  # the team and people groups it names


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
    kept, removed = users_points(request)
    points = [p for p in collapse(facts) if not (kept | removed) & set(p.refs)]
    return points, {token for token, n in verbs.items() if n > 0}


def kept_facts(request: SummaryRequest) -> int:
    """How many of the period's facts the user's kept points cite: they count."""
    kept, _ = users_points(request)
    return sum(1 for entry in request.entries if entry.type == "fact" and entry.ref in kept)


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
    left = join_remainder(left, sections, verbs)
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


def join_remainder(left: list, sections: list[Section], verbs: set) -> list:
    """A one-fact remainder is no section of its own: it joins the group it shares a noun
    with, the group whose topic that noun is (in the most of its points) first. Returns
    what is left."""
    if len(left) != 1 or len(left[0].facts) != 1:
        return left
    (point,) = left
    nouns = set(point.tokens) - verbs
    best, fit = None, (0.0, 0)
    for section in sections:
        if section.kind == "goal" or not section.points:
            continue
        holding = collections.Counter(w for p in section.points for w in set(p.tokens))
        share = max((holding[w] / len(section.points) for w in nouns), default=0.0)
        if share > 0 and (share, section.size) > fit:
            best, fit = section, (share, section.size)
    if best is None:
        return left
    best.points.append(point)
    best.points.sort(key=lambda p: (p.first, p.facts[0].entry.ref))
    return []


def date_span(language, points, key="context", day_key="context_day", **more):
    """The points' days and their count of facts, as the context says them."""
    first = min(point.first for point in points)
    last = max(point.last for point in points)
    count = counted(language, sum(len(point.facts) for point in points), "fact")
    start, end = date_range(language, first, last)
    if first == last:
        key, start = day_key, date_text(language, first)
    return TEXT[language][key].format(facts=count, start=start, end=end, **more)


def quoting(sections: list[Section]):
    """A function quoting a measured point's result: the clause that holds its figures
    (measured.result_clause), its first word in lower case unless it is a name: written
    with a capital inside a sentence somewhere in the journal ("Alex"), or with capitals
    or figures inside it ("CI", "PG16")."""
    names = {
        word
        for section in sections
        for point in section.points
        for fact in point.facts
        for word in re.findall(r"(?<=[^\W\d_] )[^\W\d_]+", fact.text)
        if not word.islower()
    }

    def quote(point):
        clause = result_clause(point.facts[0].text)
        first = re.match(r"([^\W\d_]+)(?:-[^\W\d_]+)*(?=[\s,:;]|$)", clause)
        if first and first.group(1)[1:].islower() and first.group(1) not in names:
            clause = clause[:1].lower() + clause[1:]
        return clause

    return quote


def context_of(section: Section, language: str, quote) -> str:
    text = TEXT[language]
    parts = []
    if section.description.strip():
        description = " ".join(section.description.split())
        parts.append(description if description[-1] in ".!?…" else description + ".")
    if section.kind == "routine":
        activities = counted(language, len(section.points), "activity")
        parts.append(date_span(language, section.points, "routine_context", activities=activities))
        return " ".join(parts)
    parts.append(date_span(language, section.points))
    measured = [point for point in section.points if point.measured]
    if measured:  # only those shown are quoted: a long period has hundreds
        shown = "; ".join(quote(point) for point in measured[:CONTEXT_RESULTS])
        if len(measured) > CONTEXT_RESULTS:
            more = len(measured) - CONTEXT_RESULTS
            shown = text["context_more"].format(results=shown, more=more)
        parts.append(text["context_measured"].format(results=shown))
    return " ".join(parts)


def goal_summary(section: Section, language: str, quote) -> GoalSummary:
    outputs, outcomes = [], []
    for point in section.points:
        bullet = Bullet(text=point.text(language), entry_refs=point.refs)
        (outcomes if point.measured and section.kind != "routine" else outputs).append(bullet)
    return GoalSummary(
        goal_ref=section.goal_ref,
        title=section.title,
        context=context_of(section, language, quote),
        context_refs=[ref for point in section.points for ref in point.refs],
        outputs=outputs,
        outcomes=outcomes,
    )


def narrative_of(request: SummaryRequest, sections: list[Section], quote, kept=0) -> str:
    """Two to four sentences: the period and its counts (`kept`: the facts of the user's
    kept points, drafted no more); the main projects by size (a
    manager's the team and people first); at most two headline results, copied; routine
    and other work in one clause."""
    language = request.language
    text = TEXT[language]
    facts = counted(language, sum(section.size for section in sections) + kept, "fact")
    plans = sum(1 for entry in request.entries if entry.type == "plan")
    start, end = date_range(language, request.period_start, request.period_end)
    intro = text["intro"] if plans else text["intro_facts"]
    sentences = [
        intro.format(start=start, end=end, facts=facts, plans=counted(language, plans, "plan"))
    ]
    named = [s for s in sections if s.kind in ("goal", "project", "people")]
    by_size = sorted(named, key=lambda s: -s.size)
    people = [s for s in by_size if s.kind == "people" or (s.kind == "goal" and s.people)]
    built = [s for s in by_size if s not in people]
    manager = request.role == "manager"
    people = [s.title for s in people[: MAIN_PEOPLE[manager]]]
    built = [s.title for s in built[: MAIN_PROJECTS[manager]]]
    groups, people = listed(language, built), listed(language, people)
    if manager and people:
        key = "people_projects" if groups else "people_first"
        sentences.append(text[key].format(people=people, groups=groups))
    elif groups:
        key = "projects_people" if people else "projects"
        sentences.append(text[key].format(people=people, groups=groups))
    elif people:
        sentences.append(text["people_first"].format(people=people))
    # The headline results: the first of each of the largest groups (quoted as needed).
    measured = [[p for p in section.points if p.measured] for section in by_size]
    results = []
    for rank in itertools.zip_longest(*measured):
        results += [r for p in rank if p is not None and (r := quote(p))]
        if len(results) >= HEADLINES:
            break
    if results:
        sentences.append(text["headline"].format(results="; ".join(results[:HEADLINES])))
    parts = []
    for section in sorted(sections, key=lambda s: s.kind != "routine"):
        size = counted(language, section.size, "fact")
        if section.kind == "routine":
            activities = counted(language, len(section.points), "activity")
            parts.append(text["routine_part"].format(activities=activities, facts=size))
        elif section.kind == "other":
            parts.append(text["other_part"].format(facts=size))
    if parts:
        rest = listed(language, parts)
        # "Besides" only after something it adds to.
        if len(sentences) > 1:
            sentences.append(text["rest"].format(parts=rest))
        else:
            sentences.append(f"{rest[:1].upper()}{rest[1:]}.")
    return " ".join(sentences)


def users_points(request: SummaryRequest) -> tuple[set, set]:
    """The facts the user's points cite: (kept, removed). A removed point's facts are out
    of the draft, with any fact saying the same thing again (one point with them); a kept
    point's facts are the user's point already (no new one) but still count."""
    kept = {ref for point in request.kept for ref in point.refs}
    removed = {ref for point in request.removed for ref in point.refs} - kept
    return kept, removed


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
    quote = quoting(sections)
    kept = kept_facts(request)
    goals = [goal_summary(section, language, quote) for section in sections]
    narrative = (
        narrative_of(request, sections, quote, kept) if sections or kept else TEXT[language]["none"]
    )
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
