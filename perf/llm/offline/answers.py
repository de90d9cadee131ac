"""A review form answered without AI: per question, the period's facts that speak to it,
each quoted as a point citing its own entries, within the question's limit.

How a fact is picked for a question:
- **Words.** The question's text and guidance (its words count half) are stemmed as the
  draft stems facts
  (`words.base_of`, Russian or English, Cyrillic transliterated), leaving out stopwords and
  the words every question uses ("describe", "your", "опишите"). A fact scores for each
  word it shares with them (a stem that starts the other counts: "deploy", "deployment"),
  the rarer the word among the period's facts the more; the title of the goal a fact is
  linked to counts as its words too.
- **Themes.** A question about collaboration, growth, leadership, ownership, technical
  depth or next steps also matches the facts that speak of it in other words (reviews,
  pairing and helping for collaboration; mentoring and hiring for leadership) — THEMES.
- **Generic questions.** A question that asks for accomplishments, impact or results
  (ACHIEVEMENT) matches every fact, by strength: a measured result first, then a fact
  linked to a goal, then one said more than once. So "What were your most important
  accomplishments?" gets the strongest facts, not nothing.
- A question that shares no word and no theme with any fact gets no points, and so does
  one whose own subject no fact names, generic wording or not: "How did you contribute to
  the mobile redesign?" with no fact of mobile or redesign. Routine (the same thing done
  three times or more: a weekly sync, email) is picked only by words.

The answers share the facts out: questions with the fewest matching facts choose first,
and a fact another answer already quotes is used again only when nothing else fits.
Points are added best first while the answer stays within its limit (a first fact too long
alone is cut at a sentence boundary, `form_answers.fit_to_limit`), at most MOST_POINTS.
"""

import math
import re

from ..answer_limits import answer_text, fit_to_limit, is_fragment, limits_left
from ..prompts import FORM_PROMPT_VERSION
from ..schemas import AnswerResult, Bullet, FormResult, SummaryRequest
from .draft import analyse
from .words import STOPWORDS, TOKEN, base_of

# An answer lists its strongest facts, not the period: a reader takes in half a dozen.
MOST_POINTS = 6
MIN_PREFIX = 5  # a stem this long matches the longer stems it starts
# A question names its own subject in this many words or more ("the mobile app redesign");
# one word left over ("support", "important") says too little to rule the facts out.
SUBJECT_WORDS = 2
GENERIC_SUBJECT_WORDS = 3  # "the mobile app redesign" of "How did you contribute to …"

# Words any question may use that tell nothing about which work it asks for.
QUESTION_WORDS = set(
    """
    describe describes explain share tell list give provide please example examples
    specific specifically during period half quarter year review cycle past recent
    recently role time way ways area areas made make did done work worked working job
    thing things have has had most more best important key main biggest significant
    major top greatest notable summarize summarise overall
    опишите опиши расскажите расскажи приведите приведи перечислите перечисли поделитесь
    пример примеры примера конкретный конкретные период полугодие квартал год ревью
    ваш ваша ваши вашей вашего ваших вам вас свой своей своего своих каким какие какой
    какая каких которые работа работы работе работу работой сделали делали чем чего
    какое каким больше всего назовите назови основных основные основной три главных
    """.split()
)
ACHIEVEMENT = re.compile(
    r"accomplish|achiev|impact|result|outcome|deliver|contribut|highlight|proud|success|"
    r"\bwins?\b|key work|most important|достиж|результат|влиян|эффект|вклад|итог|успех|"
    r"успеш|горд|главн|важн|достиг|добил|внесл",
    re.IGNORECASE,
)
# (what a question says, what a fact about it says)
THEMES = [
    (
        r"collaborat|team|cross-team|partner|stakeholder|communicat|help|"
        r"сотруднич|взаимодейств|команд|коммуникац|помог|помощ|смежн",
        r"review|pair|help|sync|together|partner|stakeholder|agreed|team|"
        r"ревью|парн|помог|вместе|созвон|договор|согласов|команд",
    ),
    (
        r"growth|grow|learn|develop|skill|improve|рост|развит|науч|навык|изуч|улучш",
        r"learn|course|read|studied|talk|conference|certif|feedback|mentor|"
        r"изуч|курс(?:а|е|ы|ом|ов)?\b|прочит|доклад|конференц|сертиф|фидбек|ментор",
    ),
    (
        r"leader|lead|mentor|people|coach|hiring|manag|лидер|руковод|ментор|люд|"
        r"наставн|найм|управл",
        r"mentor|coach|onboard|hire|hiring|hired|interview|1:1|one-on-one|led|lead|delegat|"
        r"ментор|наставн|онбординг|найм|нанял|наняли|собес|интервью|провёл|провел|делегир",
    ),
    (
        r"ownership|own|initiative|responsib|incident|on-call|ответствен|инициатив|"
        r"инцидент|дежурств",
        r"incident|on-call|postmortem|runbook|owned|fixed|outage|drove|"
        r"инцидент|дежурств|постмортем|ранбук|починил|исправил|авари",
    ),
    (
        r"technical|depth|architect|design|engineering|quality|техническ|архитектур|"
        r"дизайн|инженер|качеств",
        r"design|architect|rfc|refactor|migrat|performance|latency|index|schema|test|"
        r"дизайн|архитектур|рефактор|миграц|перевёл|перевел|производит|задержк|индекс|тест",
    ),
    (
        r"next|future|focus|plan|goal|следующ|дальше|план|фокус|цел",
        r"next|started|draft|proposal|rfc|начал|черновик|предлож",
    ),
]


def _question_stems(text: str) -> set[str]:
    stems = set()
    for match in TOKEN.finditer(text.lower().replace("ё", "е")):
        word = match.group()
        if len(word) < 3 or word.isdigit() or word in STOPWORDS or word in QUESTION_WORDS:
            continue
        stems.add(base_of(word))
    return stems


def _shares(stem: str, tokens: set[str]) -> bool:
    if stem in tokens:
        return True
    if len(stem) < MIN_PREFIX:
        return False
    return any(
        len(token) >= MIN_PREFIX and (token.startswith(stem) or stem.startswith(token))
        for token in tokens
    )


def _strength(point) -> float:
    """How strong a fact reads in an answer to "what did you achieve"."""
    return 2.0 * point.measured + 1.0 * bool(point.anchor) + 0.5 * (len(point.facts) > 1)


THEME_CUES = [re.compile(rf"\b(?:{said})", re.I) for said, _fact in THEMES]


def _unthemed(text: str) -> str:
    """The text less the words that name a theme: those count through their theme."""
    return " ".join(
        w for w in TOKEN.findall(text.lower()) if not any(cue.search(w) for cue in THEME_CUES)
    )


def _subject(text: str) -> set[str]:
    """The stems of what a question asks about, less its generic and thematic words."""
    words = [w for w in _unthemed(text).split() if not ACHIEVEMENT.search(w)]
    return _question_stems(" ".join(words))


def _scores(question, points, tokens) -> dict:
    """{point index: score} of the points that match the question (see the module)."""
    asked = f"{question.text} {question.guidance}"
    stems = _question_stems(_unthemed(question.text))
    weights = {stem: 1.0 for stem in stems}
    weights |= {stem: 0.5 for stem in _question_stems(_unthemed(question.guidance)) - stems}
    df = {stem: sum(_shares(stem, t) for t in tokens) for stem in weights}
    themes = [
        re.compile(rf"\b(?:{fact})", re.I)
        for said, fact in THEMES
        if re.search(rf"\b(?:{said})", asked, re.I)
    ]
    subject = _subject(question.text)
    generic = bool(ACHIEVEMENT.search(asked))
    # A generic question's leftover words are often its wording ("major", "the business"):
    # it must name more of a subject no fact names to be ruled out.
    named = GENERIC_SUBJECT_WORDS if generic else SUBJECT_WORDS
    if not themes and len(subject) >= named and not any(df[s] for s in subject):
        return {}  # it asks about something no fact of the period names
    scores = {}
    for n, point in enumerate(points):
        score = sum(
            weight * math.log(1 + len(points) / df[stem])
            for stem, weight in weights.items()
            if df[stem] and _shares(stem, tokens[n])
        )
        text = " ".join(fact.text for fact in point.facts)
        # Routine (a weekly sync, email) answers a question only by its own words.
        if not point.routine:  # each theme of the question the fact speaks to
            score += sum(1.0 for theme in themes if theme.search(text))
        if generic and not point.routine:
            score += 0.5 + _strength(point) / 2
        elif score:
            score += _strength(point) / 10  # a tie goes to the stronger fact
        if score > 0:
            scores[n] = score
    return scores


def answer_form(request: SummaryRequest) -> FormResult:
    points, _verbs = analyse(request)  # the user's kept and removed points' facts are out
    goals = {goal.ref: goal for goal in request.goals}
    tokens = []
    for point in points:
        words = set(point.tokens)
        anchor = point.anchor
        if anchor and anchor[0] == "goal":
            words |= {base_of(w) for w in TOKEN.findall(goals[anchor[1]].title.lower())}
        elif anchor:
            words.add(base_of(anchor[1].lower()))
        tokens.append(words)
    limits = limits_left(request)
    scored = {q.ref: _scores(q, points, tokens) for q in request.questions}
    used: set[int] = set()
    chosen = {}
    # The most particular questions choose first, so that a generic one cannot take all.
    for question in sorted(request.questions, key=lambda q: len(scored[q.ref])):
        ranked = sorted(scored[question.ref], key=lambda n: (-scored[question.ref][n], n))
        fresh = [n for n in ranked if n not in used]
        picked = _fill(request, points, fresh, limits.get(question.ref))
        if not picked:  # nothing fresh fits: a fact already quoted is better than nothing
            picked = _fill(request, points, ranked, limits.get(question.ref))
        used.update(n for n, _text in picked)
        chosen[question.ref] = picked
    answers = []
    for question in request.questions:
        picked = chosen[question.ref]
        bullets = [Bullet(text=text, entry_refs=points[n].refs) for n, text in picked]
        cut = any(text != _quoted(points[n], request.language) for n, text in picked)
        answers.append(AnswerResult(question_ref=question.ref, points=bullets, cut=cut))
    return FormResult(
        answers=answers,
        provider="offline",
        model="offline",
        prompt_version=FORM_PROMPT_VERSION,
        is_ai=False,
        llm_calls=0,
    )


def _quoted(point, language: str) -> str:
    """A fact as the offline summary quotes it, on one line (an answer's line)."""
    return " ".join(point.text(language).split())


def _fill(request, points, ranked: list[int], limit: int | None) -> list[tuple[int, str]]:
    """[(point index, text)] best first while the answer stays within `limit`; the first
    one alone may be cut to fit."""
    picked: list[tuple[int, str]] = []
    for n in ranked:
        if len(picked) == MOST_POINTS:
            break
        text = _quoted(points[n], request.language)
        if limit is None:
            picked.append((n, text))
            continue
        texts = [t for _n, t in picked] + [text]
        if len(answer_text(texts)) <= limit:
            picked.append((n, text))
        elif not picked:
            fitted, _cut = fit_to_limit([text], limit)
            if fitted and fitted[0].strip(" …") and not is_fragment(fitted[0]):
                picked.append((n, fitted[0]))
    return picked
