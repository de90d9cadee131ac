"""A group's title from its most telling words, never a verb, a filler or a figure."""

import collections
import re

from .points import Point
from .text import TEXT
from .words import CYRILLIC, base_of, is_verb

OBLIQUE = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ах|ях|ам|ям|ом|ем|ой|ей|ов|ев|ую|юю|ых|их|ым|им|у|ю|е)$"
)
AMBIGUOUS = re.compile(r"(?:[аяиы])$")


def oblique(word: str) -> int:
    """How unlikely a Russian form is to be the plain one a title wants: 2 for an ending
    of another case ("платёжного", "отчётов"), 1 for one that may or may not be, 0 else."""
    word = word.lower()
    if not CYRILLIC.search(word) or re.search(r"(?:ие|ия|ый|ий|ая|ое|ые|ее)$", word):
        return 0
    return 2 if OBLIQUE.search(word) else 1 if AMBIGUOUS.search(word) else 0


def surface_of(forms: collections.Counter, token: str) -> str:
    """How to write a word family in a title: its shortest common form (the plain one,
    "отчёт" rather than "отчётов") spelt as the family's commonest stem (not a typo), in
    the case the journal writes it inside a sentence."""
    lowered = collections.Counter()
    for form, n in forms.items():
        lowered[form.lower()] += n
    spelt = {f: n for f, n in lowered.items() if base_of(f.replace("ё", "е")) == token}
    lowered = collections.Counter(spelt or lowered)
    word = min(lowered, key=lambda form: (oblique(form), len(form), -lowered[form], form))
    cased = [form for form in forms if form.lower() == word and not form.islower()]
    return max(cased, key=lambda form: forms[form]) if cased else word


def title_of(points: list[Point], df: collections.Counter, language: str, taken: set) -> str:
    """A group's most telling words: those its points share and other groups' points do
    not, as a phrase the journal itself writes when one is common enough, else the two
    best words joined; never a verb, a filler or a figure."""
    inside = collections.Counter(w for p in points for w in set(p.tokens))
    forms = collections.defaultdict(collections.Counter)
    verbs = collections.Counter()
    for point in points:
        for surface, token in point.facts[0].words:
            if token:
                forms[token][surface] += 1
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
    # Phrases of two or three words around the best word, as the facts write them; in
    # Russian one whose first word is in another case ("мобильного API") is no title,
    # unless it opens a fact, where a noun is in its plain form.
    phrases = collections.Counter()
    spelled = collections.defaultdict(dict)
    for point in points:
        words = point.facts[0].words
        for i in range(len(words)):
            for j in range(i + 2, min(i + 4, len(words) + 1)):
                span = words[i:j]
                tokens = [t for _, t in span]
                if tokens[0] is None or tokens[-1] is None or best not in tokens:
                    continue
                if any(surface == "|" for surface, _ in span):
                    continue
                if any(t is not None and t not in score for t in tokens):
                    continue
                key = tuple(tokens)
                phrases[key] += 1
                text = " ".join(s for s, _ in span)
                penalty = 0 if i == 0 else oblique(span[0][0])
                seen = spelled[key].get(text, (2, 0))
                spelled[key][text] = (min(penalty, seen[0]), seen[1] - 1)
    chosen = [t for t in ranked[:2] if score[t] * 2 >= score[best]]
    phrase, fallback = None, None
    for key, n in sorted(phrases.items(), key=lambda kv: (-kv[1], -len(kv[0]), str(kv[0]))):
        if n >= 2 and n * 3 >= inside[best]:
            text, (penalty, _) = min(spelled[key].items(), key=lambda kv: kv[1])
            if penalty < 2:
                phrase = text
                chosen = [t for t in chosen if t not in key]
                break
            fallback = fallback or text
    # A Russian word in another case leads no title when a near-best one is plain, or
    # else a phrase that shows what it belongs to ("мобильного API" over "мобильном").
    plain = [t for t in ranked[:3] if score[t] * 2 >= score[best]]
    plain = [t for t in plain if oblique(surface_of(forms[t], t)) == 0]
    if phrase:
        parts = [phrase]
    elif not plain and fallback:
        parts, chosen = [fallback], []
    else:
        best = plain[0] if plain else best
        chosen = [best] + [t for t in chosen if t != best]
        parts = [surface_of(forms[best], best)]
    for token in chosen:
        word = surface_of(forms[token], token)
        if token != best and oblique(word) == 0:
            parts.append(word)
    parts = list(dict.fromkeys(parts))[:2]
    title = parts[0] if len(parts) == 1 else TEXT[language]["and"].format(*parts)
    extra = iter(ranked[2:])
    while title.casefold() in taken:
        nxt = next(extra, None)
        if nxt is None:
            break
        title = f"{title}, {surface_of(forms[nxt], nxt)}"
    taken.add(title.casefold())
    return title[:1].upper() + title[1:]
