"""Measured results: which facts state one, and the clause that holds its figure."""

import re

from .words import STOPWORDS

# A measured result is a change: from one figure to another, a factor, or a change verb
# with a figure. A share alone states a state ("the test stage takes 70% of the run"), and
# a share of traffic or users is a rollout step: neither is a result.
_FIGURE = r"[~≈$€₽]?\d+(?:[.,]\d+)?"
_UNIT = (
    r"(?:%|ms|мс|s|с|sec\w*|сек\w*|min\w*|мин\w*|h|ч|hours?|час\w*|days?|дн\w*|weeks?|"
    r"недел\w*|gb|гб|mb|мб|kb|кб|tb|тб|k|к|тыс\w*|млн|rps|qps|[$€₽]|руб\w*|rows?|строк\w*|"
    r"events?|событи\w*|users?|пользовател\w*|requests?|запрос\w*|errors?|ошиб\w*|"
    r"alerts?|алерт\w*|calls?|вызов\w*|pages?|страниц\w*|tickets?|тикет\w*)"
)
UNIT = re.compile(_UNIT, re.IGNORECASE)
MEASURED = re.compile(
    rf"\b(?:from|с|со)\s+{_FIGURE}\S*(?:\s+\S+){{0,2}}?\s+(?:to|до)\s+{_FIGURE}"
    rf"|{_FIGURE}(?:\s?[^\W\d]{{1,4}})?\s*(?:→|->|–>)\s*{_FIGURE}"
    rf"|\b[x×]\s?\d+(?:[.,]\d+)?\b|\b\d+(?:[.,]\d+)?\s?[x×](?!\w)"
    rf"|\bв\s+\d+(?:[.,]\d+)?\s+раза?\b|\b\d+(?:[.,]\d+)?\s+times\s+(?:faster|fewer|less|more)"
    rf"|{_FIGURE}(?:\s+[^\W\d]+)?\s+(?:вместо|instead\s+of)\s+{_FIGURE}"
    r"|\b(?:halved|doubled|tripled|вдвое|втрое)\b",
    re.IGNORECASE,
)
CHANGE = re.compile(
    r"\b(?:drop\w*|rose|rise[sn]?|raised|cut|reduc\w*|decreas\w*|increas\w*|improv\w*|grew|"
    r"grown|fell|fallen|down|up|lower\w*|sav\w*|faster|slower|cheaper|"
    r"сниз\w*|сниж\w*|вырос\w*|вырас\w*|сократ\w*|сокращ\w*|упал\w*|уменьш\w*|увелич\w*|"
    r"ускор\w*|улучш\w*|сэконом\w*|подня\w*|подешев\w*|быстрее|меньше|"
    r"больше(?!\s+не\b))\b",  # "больше не ждут": no longer, not more
    re.IGNORECASE,
)
CHANGE_FIGURE = re.compile(
    rf"\b(?:to|by|до|на)\s+{_FIGURE}|{_FIGURE}\s?{_UNIT}(?!\w)", re.IGNORECASE
)
ROLLOUT = re.compile(
    rf"{_FIGURE}\s?%\s+(?:of\s+)?(?:the\s+)?(?:[^\W\d]+\s+){{0,2}}"
    r"(?:traffic|users|трафик\w*|пользовател\w*|клиент\w*)",
    re.IGNORECASE,
)
CLAUSE = re.compile(r"\s*(?:[,;:](?!\d)|[()]|\s[—–-]\s)\s*")


# What every measured result holds: a figure, or a word that is one ("halved").
FIGURE_OR_FACTOR = re.compile(r"\d|halved|doubled|tripled|вдвое|втрое", re.IGNORECASE)


def is_measured(text: str) -> bool:
    """Whether a fact states a measured result (a rollout step does not)."""
    if not FIGURE_OR_FACTOR.search(text):
        return False  # most facts: no pattern below can match, so none is tried
    unrolled = ROLLOUT.sub("", text) if "%" in text else text  # a rollout step has a %
    return bool(MEASURED.search(unrolled)) or bool(
        CHANGE.search(text) and CHANGE_FIGURE.search(unrolled)
    )


# What follows a result's last figure to say why or when ("after the index rework", "за
# счёт полей по запросу"): a quote of the result stops there. Where it was measured ("in
# the load test", "на PG16") stays: it qualifies the figure.
AFTERWARDS = re.compile(
    r"\s+(?:after|with|thanks\s+to|once|since|when|после|за\s+сч[её]т|благодаря|"
    r"с\s+помощью)\b",
    re.IGNORECASE,
)
FIGURE = re.compile(rf"{_FIGURE}|\b(?:halved|doubled|tripled|вдвое|втрое)\b", re.IGNORECASE)


def _says_what(clause: str) -> bool:
    """Whether a clause names what changed, not only by how much."""
    words = [w for w in re.findall(r"[^\W\d_]{3,}", clause.lower()) if w not in STOPWORDS]
    return any(not UNIT.fullmatch(word) and not CHANGE.fullmatch(word) for word in words)


def result_clause(text: str) -> str:
    """A measured result as the fact writes it: the clause that holds the figure, up to
    where it starts saying why or when. Only cut, never reworded: every figure and its unit
    stay as written."""
    text = text.rstrip(" .")
    quoted = text
    for clause in CLAUSE.split(text):
        if not re.search(r"\d|halved|doubled|вдвое|втрое", clause, re.IGNORECASE):
            continue
        if (MEASURED.search(clause) or CHANGE.search(clause)) and _says_what(clause):
            quoted = clause
            break
    head = text[: text.find(quoted)].rstrip()
    first = FIGURE.search(quoted)
    if head.endswith(":") and first and not re.search(r"[^\W\d_]{4,}", quoted[: first.start()]):
        quoted = f"{head} {quoted}"  # "Онбординг новичка: с 5 дней до 2": what changed leads
    ends = [m.end() for m in MEASURED.finditer(quoted)]
    ends += [m.end() for m in CHANGE_FIGURE.finditer(quoted)]
    if ends:
        after = AFTERWARDS.search(quoted, max(ends))
        if after and _says_what(quoted[: after.start()]):
            quoted = quoted[: after.start()]
    return quoted
