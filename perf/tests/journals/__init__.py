"""Test journals with known projects, and how a draft is scored against them.

Each journal module holds ENTRIES, a list of (date, type, text, project): the project the
entry really belongs to, "misc" for a one-off that belongs to none, None for routine that
repeats. PROJECTS names the projects; LANGUAGE, when set, the draft's language (else "ru"
for a name ending in _ru, "en" otherwise).

JOURNALS are the ones the draft was tuned on and the tests hold to the targets; UNTUNED
ones were written before a round of changes and never tuned on, to see whether the tuning
carries over (bench/offline_quality.py prints them too).

The scores, on facts only (plans are never points):
- routine facts count as one more project, "routine", whose group is the Routine work
  section; "Other work" is the remainder, so it is left out of purity and is nobody's best
  group; misc facts have no project of their own, so they count only against the purity of
  a group they land in;
- purity: for each group but Other work, the share of its facts from its majority project,
  weighted by the group's size;
- completeness: for each project (routine included, misc not), the share of its facts in
  its single best group, weighted by the project's size;
- repeats: points whose normalised text another point has too, and facts cited by more
  than one point;
- routine outcomes: outcomes citing a routine fact.
"""

import collections
import importlib
import re

from perf.llm.schemas import EntryData, SummaryRequest

ROUTINE = "routine"
JOURNALS = ("half_year_en", "half_year_ru")
UNTUNED = ("quarter_mixed",)
TITLES = {
    "en": {"routine": "Routine work", "other": "Other work"},
    "ru": {"routine": "Рутинная работа", "other": "Другая работа"},
}


def load(name):
    """(request, labels): the journal as a request with no goals, and each ref's project."""
    module = importlib.import_module(f"{__name__}.{name}")
    language = getattr(module, "LANGUAGE", "ru" if name.endswith("_ru") else "en")
    entries, labels = [], {}
    for n, (date, type_, text, project) in enumerate(module.ENTRIES, start=1):
        ref = f"E{n}"
        entries.append(EntryData(ref=ref, date=date, type=type_, text=text))
        labels[ref] = ROUTINE if project is None else project
    request = SummaryRequest(
        period_start=min(entry.date for entry in entries),
        period_end=max(entry.date for entry in entries),
        role="engineer",
        language=language,
        entries=entries,
    )
    return request, labels


def normalised(text):
    return " ".join(re.findall(r"\w+", text.casefold()))


def score(result, request, labels):
    """The draft's figures against the journal's known projects (see the module's doc)."""
    language = request.language
    facts = {entry.ref for entry in request.entries if entry.type == "fact"}
    groups = []  # (title, refs)
    for goal in result.goals:
        refs = [r for b in goal.outputs + goal.outcomes for r in b.entry_refs if r in facts]
        groups.append((goal.title, list(dict.fromkeys(refs))))
    scored = [(title, refs) for title, refs in groups if title != TITLES[language]["other"]]
    sized = sum(len(refs) for _, refs in scored)
    purity = (
        sum(collections.Counter(labels[r] for r in refs).most_common(1)[0][1] for _, refs in scored)
        / sized
        if sized
        else 1.0
    )
    by_project = collections.defaultdict(list)
    for ref in facts:
        if labels[ref] != "misc":
            by_project[labels[ref]].append(ref)
    best = 0
    for project in by_project:
        best += max(
            (sum(1 for r in group if labels[r] == project) for _, group in scored), default=0
        )
    completeness = best / sum(len(refs) for refs in by_project.values())
    points = [b for goal in result.goals for b in goal.outputs + goal.outcomes]
    texts = collections.Counter(normalised(b.text) for b in points)
    cited = collections.Counter(r for b in points for r in set(b.entry_refs))
    outcomes = [b for goal in result.goals for b in goal.outcomes]
    return {
        "purity": purity,
        "completeness": completeness,
        "repeated_points": sum(n - 1 for n in texts.values() if n > 1),
        "facts_cited_twice": sum(1 for n in cited.values() if n > 1),
        "facts_not_cited": len(facts - set(cited)),
        "routine_outcomes": sum(
            1 for b in outcomes if any(labels.get(r) == ROUTINE for r in b.entry_refs)
        ),
        "groups": len(groups),
    }
