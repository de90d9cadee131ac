"""A group's title: the project it is about, as a noun phrase the journal writes ("Billing
events", "Мобильное API"), else its most telling noun; never a verb, a filler, a figure,
an adjective alone or two unrelated words joined by "and"."""

import collections

from .points import Point
from .russian import heading, is_adjective, is_russian, nominative
from .text import TEXT
from .words import base_of, is_verb

PHRASE_SHARE = 3  # a phrase titles a group when in a third of the points of its best word


def title_of(
    points: list[Point], df: collections.Counter, language: str, taken: set, forms: dict
) -> str:
    """A group's title from the words its points share and other groups' points do not
    (each word scored n²/df). A phrase of two or three words holding one of the two best,
    written in two points or more, wins; else the best word that is a noun. In Russian the
    title is put in the nominative. forms: each word family's forms in the whole journal,
    the evidence for that. A title already taken gets its next word after a comma."""
    inside = collections.Counter(w for p in points for w in set(p.tokens))
    written = collections.defaultdict(collections.Counter)  # the group's forms
    verbs = collections.Counter()
    for point in points:
        for surface, token in point.facts[0].words:
            if token:
                written[token][surface] += 1
                verbs[token] += 1 if is_verb(surface) else -1
    score = {
        token: n * n / df[token]
        for token, n in inside.items()
        if verbs[token] < 0 and not any(c.isdigit() for c in token)
    }
    ranked = sorted(score, key=lambda t: (-score[t], t))
    if not ranked:
        return TEXT[language]["other"]
    best = ranked[0]
    leads = [t for t in ranked[:2] if score[t] * 2 >= score[best]]
    title = _phrase(points, score, leads, inside[best], forms)
    if title is None:
        nouns = (t for t in ranked if not _adjectival(written[t], forms[t]))
        best = next(nouns, best)
        title = _word(written[best], forms[best], best)
    extra = iter(t for t in ranked if t != best)
    while title.casefold() in taken:
        nxt = next(extra, None)
        if nxt is None:
            break
        title = f"{title}, {_word(written[nxt], forms[nxt], nxt)}"
    taken.add(title.casefold())
    return title[:1].upper() + title[1:]


def _phrase(points, score, leads, best_count, forms):
    """The commonest phrase of two or three words around a lead word, within a clause and
    starting and ending on a scored word, written in two points and PHRASE_SHARE of the
    best word's; as a heading (in Russian its head in the nominative). None if there is
    none."""
    counts = collections.Counter()
    spellings = collections.defaultdict(collections.Counter)
    for point in points:
        words = point.facts[0].words
        seen = set()
        for i in range(len(words)):
            for j in range(i + 2, min(i + 4, len(words) + 1)):
                span = words[i:j]
                tokens = tuple(t for _, t in span)
                if tokens[0] is None or tokens[-1] is None or tokens in seen:
                    continue
                if not any(t in leads for t in tokens):
                    continue
                if any(s == "|" for s, _ in span):
                    continue
                if any(t is not None and t not in score for t in tokens):
                    continue
                seen.add(tokens)
                counts[tokens] += 1
                spellings[tokens][tuple((s, t) for s, t in span)] += 1
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), str(kv[0]))):
        if n < 2 or n * PHRASE_SHARE < best_count:
            break
        for span, _ in sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0])):
            words = [s for s, _ in span]
            last, token = span[-1]
            if not is_russian(last) and last.islower() and f"{last}s" in forms.get(token, ()):
                words[-1] = f"{last}s"  # a topic in English is plural: "Flaky tests"
            evidence = {s: forms.get(t, ()) for s, t in span if t}
            title = heading(words, evidence)
            if title:
                return title
    return None


def _adjectival(written: collections.Counter, forms) -> bool:
    """Whether the group writes this word family mostly as an adjective ("хранимые")."""
    adjectives = sum(n for form, n in written.items() if is_adjective(form, forms))
    return adjectives * 2 > sum(written.values())


def _word(written: collections.Counter, forms, token: str) -> str:
    """A word family as a title word: its nominative the group's forms agree on most, of
    its own stem (not a typo nor a longer word joined to it); a Latin word as the journal
    capitalises it ("PostgreSQL", "CI")."""
    own = {f: n for f, n in written.items() if base_of(f.lower().replace("ё", "е")) == token}
    written = collections.Counter(own or written)
    if not any(is_russian(form) for form in written):
        lowered = collections.Counter()
        for form, n in written.items():
            lowered[form.lower()] += n
        word = max(lowered, key=lambda f: (lowered[f], -len(f), f))
        cased = [form for form in written if form.lower() == word and not form.islower()]
        return max(cased, key=lambda form: (written[form], form)) if cased else word
    votes = collections.Counter()
    for form, n in written.items():
        if not is_adjective(form, forms):
            votes[nominative(form, forms)] += n
    if not votes:
        return min(written, key=lambda f: (-written[f], f)).lower()
    return max(votes, key=lambda w: (votes[w], -len(w), w))
