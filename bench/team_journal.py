"""A team's journals for the page benchmarks: entries in Russian and English, goals linked
to a third of them, and a year of week summaries citing their facts, bulk-created.

bench/pages.py seeds a team with it; `seed` is the one-user journal bench/hand_sql.py
measures, and form_tokens.py borrows the journal text (RU_PAIRS, EN_PAIRS, _fill).

Speed matters here (bench/pages.py writes over 300,000 entries): every table is filled by
bulk_create in batches, goal links through the many-to-many's own model. bulk_create skips
Entry.save(), so search_text is set here; SQLite's search index (journal/search.py) is kept
by its triggers, PostgreSQL's by its indexes.
"""

import datetime
import hashlib
import random
from collections import Counter, defaultdict

# About eight entries a working day: 20,000 entries are ten years of a journal.
ENTRIES_PER_YEAR = 2000
BATCH = 2000
WEEKS = 52
GOAL_SHARE = 1 / 3

# --------------------------------------------------------------------------------------
# Journal text: (plan, fact) pairs sharing their slots, so a fact can fulfil its plan.
# --------------------------------------------------------------------------------------

RU_PAIRS = [
    ("Починить утечку памяти в воркере {svc}", "Починил утечку памяти в воркере {svc}"),
    ("Найти утечку соединений в {svc}", "Нашёл утечку соединений в {svc}: пул не закрывался"),
    ("Сделать ревью {n} PR в {svc}", "Провёл ревью {n} PR в {svc}"),
    ("Созвониться с {person_ru} по миграции {db}", "Созвонился с {person_ru} по миграции {db}"),
    ("Написать тесты для {svc}", "Написал тесты для {svc}, покрытие выросло до {pct}%"),
    ("Обновить документацию по деплою {svc}", "Обновил документацию по деплою {svc}"),
    ("Ускорить медленный запрос в {svc}", "Ускорил запрос в {svc} с {ms1} до {ms2} мс"),
    ("Настроить алерты в Grafana для {svc}", "Настроил алерты в Grafana для {svc}"),
    ("Помочь {person_ru} с настройкой окружения", "Помог {person_ru} с настройкой окружения"),
    ("Выкатить релиз {ver} в прод", "Выкатил релиз {ver} в прод, всё спокойно"),
    (
        "Разобраться, почему падают тесты на CI",
        "Разобрался с падением тестов на CI: гонка в фикстурах",
    ),
    ("Спланировать спринт с командой", "Спланировали спринт, взяли {n} задач"),
    ("Провести собеседование на бэкенд", "Провёл собеседование, кандидат сильный в SQL"),
    ("Переписать модуль платежей на новый API", "Переписал модуль платежей на новый API"),
    (
        "Обсудить с {person_ru} архитектуру очередей",
        "Обсудили с {person_ru} архитектуру очередей в {svc}",
    ),
    ("Закрыть тикеты из бэклога", "Закрыл {n} тикетов из бэклога"),
    ("Позаниматься со стажёром по Django", "Менторил стажёра: разобрали ORM и миграции"),
    ("Обновить зависимости в {svc}", "Обновил зависимости в {svc}, поднял Django до {ver}"),
    ("Подготовить демо для заказчика", "Показал демо заказчику, ждём обратную связь"),
    ("Разобрать инцидент в {svc}", "Разобрал инцидент в {svc}: кончилось место на диске"),
    (
        "Добавить индекс в таблицу {table}",
        "Добавил индекс в таблицу {table}, запрос стал в {n} раз быстрее",
    ),
    (
        "Написать постмортем по вчерашнему сбою",
        "Написал постмортем, ещё {n} action items на команду",
    ),
    ("Настроить ретраи в клиенте {svc}", "Настроил ретраи с экспоненциальной задержкой в {svc}"),
    ("Оценить задачу по отчётам", "Оценил задачу по отчётам в {n} дней"),
    ("Провести one-to-one с {person_ru}", "Провёл one-to-one с {person_ru}, обсудили рост"),
    ("Починить flaky-тест в {svc}", "Починил flaky-тест в {svc}, дело было в часовом поясе"),
    ("Перенести cron-задачи {svc} в Celery", "Перенёс cron-задачи {svc} в Celery beat"),
    ("Проверить логи после релиза", "Проверил логи после релиза {ver}, ошибок нет"),
]

EN_PAIRS = [
    ("Review PRs for the {svc} service", "Reviewed {n} PRs for the {svc} service"),
    ("Fix the memory leak in the {svc} worker", "Fixed the memory leak in the {svc} worker"),
    ("Write tests for {svc}", "Wrote tests for {svc}; coverage is up to {pct}%"),
    (
        "Sync with {person_en} about the {db} migration",
        "Synced with {person_en} about the {db} migration",
    ),
    ("Speed up the slow query in {svc}", "Cut the {svc} query from {ms1} to {ms2} ms"),
    ("Ship release {ver}", "Shipped release {ver} to production"),
    ("Investigate the flaky CI job", "Found the flaky CI job: a race in the fixtures"),
    (
        "Pair with {person_en} on the {svc} refactor",
        "Paired with {person_en} on the {svc} refactor",
    ),
    ("Update the on-call runbook", "Updated the on-call runbook for {svc}"),
    ("Interview a backend candidate", "Interviewed a backend candidate, strong on SQL"),
    ("Plan the sprint", "Planned the sprint: {n} tickets in"),
    ("Triage the bug backlog", "Triaged the bug backlog, closed {n} stale tickets"),
    ("Add an index to {table}", "Added an index to {table}; the report is {n}x faster"),
    ("Write the postmortem for the outage", "Wrote the postmortem, {n} action items"),
    ("Set up alerts for {svc}", "Set up latency alerts for {svc} in Grafana"),
    ("Mentor the intern on Django", "Mentored the intern: querysets and migrations"),
    ("Upgrade dependencies in {svc}", "Upgraded dependencies in {svc}, Django to {ver}"),
    ("Prepare the demo for the client", "Gave the client demo, waiting for feedback"),
    ("Estimate the reporting epic", "Estimated the reporting epic at {n} days"),
    ("Move {svc} cron jobs to Celery", "Moved {svc} cron jobs to Celery beat"),
    ("Have a 1:1 with {person_en}", "Had a 1:1 with {person_en}, talked about growth"),
    ("Check the logs after the release", "Checked the logs after {ver}: clean"),
]

RU_EXTRAS = [
    "Заняло больше времени, чем думал.",
    "Завтра продолжу.",
    "Нужно ещё согласовать с командой.",
    "Записал детали в тикет.",
    "Осталось обновить документацию.",
    "Помогли коллеги из соседней команды.",
]
EN_EXTRAS = [
    "Took longer than expected.",
    "Will continue tomorrow.",
    "Need to agree on it with the team.",
    "Details are in the ticket.",
    "Docs still to update.",
    "Got help from the platform team.",
]

SLOTS = {
    "svc": ["billing", "auth", "search", "notifications", "reports", "payments", "gateway"],
    "db": ["PostgreSQL", "ClickHouse", "Redis", "MySQL"],
    "table": ["orders", "invoices", "events", "users", "sessions"],
    "person_ru": ["Аней", "Борисом", "Викой", "Глебом", "Дашей", "Егором"],
    "person_en": ["Alice", "Bob", "Carol", "Dan", "Erin", "Frank"],
}

# (title, tag, status): most goals active, one done, one dropped, as a real list has.
GOALS = [
    ("Reliable billing", "billing", "active"),
    ("Search v2", "search", "active"),
    ("Hiring the backend team", "hiring", "active"),
    ("Платёжный модуль на новом API", "платежи", "active"),
    ("CI under ten minutes", "ci", "done"),
    ("Move reports to ClickHouse", "reports", "dropped"),
]


def _fill(template, rng):
    values = {name: rng.choice(choices) for name, choices in SLOTS.items()}
    values.update(
        n=rng.randint(2, 12),
        pct=rng.randint(60, 95),
        ms1=rng.randint(300, 2000),
        ms2=rng.randint(20, 250),
        ver=f"{rng.randint(1, 6)}.{rng.randint(0, 20)}",
    )
    return template.format(**values)


def _journal_day(rng, count):
    """`count` entries for one day as (type, text, index of the plan a fact fulfils)."""
    plans = max(1, round(count * 0.4)) if count > 1 else rng.choice([0, 1])
    items, open_plans = [], []
    for _ in range(plans):
        pairs = RU_PAIRS if rng.random() < 0.5 else EN_PAIRS
        plan, fact = rng.choice(pairs)
        items.append(["plan", _fill(plan, rng), None])
        open_plans.append((len(items) - 1, fact, pairs is RU_PAIRS))
    for _ in range(count - plans):
        if open_plans and rng.random() < 0.6:
            # The plan got done: the fact tells the same story and points at it.
            plan_index, fact, russian = open_plans.pop(rng.randrange(len(open_plans)))
            items.append(["fact", _fill(fact, rng), plan_index])
        else:
            russian = rng.random() < 0.5
            _, fact = rng.choice(RU_PAIRS if russian else EN_PAIRS)
            items.append(["fact", _fill(fact, rng), None])
        roll = rng.random()
        extras = RU_EXTRAS if russian else EN_EXTRAS
        if roll < 0.25:
            items[-1][1] += " " + rng.choice(extras)
        elif roll < 0.30:
            # A longer note on several lines now and then.
            lines = [rng.choice(extras) for _ in range(rng.randint(2, 5))]
            items[-1][1] += "\n" + "\n".join(lines)
    return items


def span_of(total: int) -> int:
    """Days that `total` entries cover at ENTRIES_PER_YEAR."""
    return max(1, round(total / ENTRIES_PER_YEAR * 365.25))


def _per_day(rng, total, first, last, full_days):
    """How many entries each day from `first` to `last` gets: working days far more than
    weekends; the `full_days` ({day: count}) exactly that many, taken from other days."""
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    weights = [1.0 if day.weekday() < 5 else 0.08 for day in days]
    per_day = Counter(rng.choices(days, weights, k=total))
    donors = [day for day in days[:-30] if day not in full_days] or days
    for day, wanted in full_days.items():
        missing = wanted - per_day[day]
        per_day[day] = wanted
        while missing > 0:
            donor = rng.choice(donors)
            if per_day[donor] > 0:
                per_day[donor] -= 1
                missing -= 1
        while missing < 0:
            per_day[rng.choice(donors)] += 1
            missing += 1
    assert sum(per_day.values()) == total
    return days, per_day


def add_entries(user, total, first, last, rng, *, full_days=None):
    """Bulk-create `total` entries for `user` from day `first` to day `last`; returns them
    (plans first, then facts)."""
    from journal.models import Entry
    from journal.search import normalize_for_search

    days, per_day = _per_day(rng, total, first, last, full_days or {})
    plans, facts = [], []
    for day in days:
        if not per_day[day]:
            continue
        made = []
        for type_, text, plan_index in _journal_day(rng, per_day[day]):
            entry = Entry(
                user=user,
                date=day,
                type=type_,
                text=text,
                # bulk_create skips Entry.save(), which normally keeps search_text.
                search_text=normalize_for_search(text),
                fulfils_plan=made[plan_index] if plan_index is not None else None,
            )
            made.append(entry)
            (plans if type_ == "plan" else facts).append(entry)
    # Plans first: facts point at them.
    Entry.objects.bulk_create(plans, batch_size=BATCH)
    Entry.objects.bulk_create(facts, batch_size=BATCH)
    return plans + facts


def seed(user, total, today, *, seed_value=20_261_124):
    """One user's journal of `total` entries over ten years ending `today`, with a full
    board today and on the working day before (bench/hand_sql.py's journal). Returns
    (plans, facts, facts that fulfil a plan)."""
    from journal.models import previous_working_day

    rng = random.Random(seed_value)
    full_days = {today: 8, previous_working_day(today): 7}
    first = today - datetime.timedelta(days=3652)
    entries = add_entries(user, total, first, today, rng, full_days=full_days)
    plans = sum(1 for entry in entries if entry.type == "plan")
    linked = sum(1 for entry in entries if entry.fulfils_plan_id)
    return plans, len(entries) - plans, linked


def add_goals(user):
    from perf.models import Goal

    goals = [
        Goal(user=user, title=title, slug=slug, status=status) for title, slug, status in GOALS
    ]
    return Goal.objects.bulk_create(goals)


def link_goals(entries, goals, rng) -> int:
    """Link a third of the entries to a goal (one in six of those to a second one), through
    the many-to-many's own model; returns the links made. Dropped goals get few."""
    from perf.models import Goal

    through = Goal.entries.through
    weights = [0.2 if goal.status == "dropped" else 1.0 for goal in goals]
    links = []
    for entry in entries:
        if rng.random() >= GOAL_SHARE:
            continue
        picked = {rng.choices(goals, weights)[0]}
        if rng.random() < 1 / 6:
            picked.add(rng.choice(goals))
        links += [through(goal_id=goal.pk, entry_id=entry.pk) for goal in picked]
    through.objects.bulk_create(links, batch_size=BATCH)
    return len(links)


def add_weeks(user, entries, today, rng, *, weeks=WEEKS) -> int:
    """Done week summaries for the `weeks` weeks up to and including this one: up to three
    points each, each quoting and citing one to three of the week's facts, as the summary
    without AI writes them. A week without facts is done with no points."""
    from django.utils import timezone

    from journal.models import monday_of
    from perf.models import WeekSummary

    this_monday = monday_of(today)
    oldest = this_monday - datetime.timedelta(weeks=weeks - 1)
    facts_of = defaultdict(list)
    for entry in entries:
        if entry.type == "fact" and entry.date >= oldest:
            facts_of[monday_of(entry.date)].append(entry)
    now = timezone.now()
    summaries = []
    for n in range(weeks):
        monday = this_monday - datetime.timedelta(weeks=n)
        facts = facts_of.get(monday, [])
        bullets = []
        for _ in range(min(3, len(facts))):
            cited = rng.sample(facts, min(len(facts), rng.randint(1, 3)))
            bullets.append(
                {
                    "id": f"{rng.getrandbits(128):032x}",
                    "text": "; ".join(entry.text.split("\n")[0] for entry in cited),
                    "entry_ids": [str(entry.pk) for entry in cited],
                    "unsupported": [],
                }
            )
        # Pages never read the fingerprint; it only has to look like one.
        made_from = ",".join(sorted(str(entry.pk) for entry in facts))
        summaries.append(
            WeekSummary(
                user=user,
                week_start=monday,
                role="engineer",
                language="ru" if n % 3 == 0 else "en",
                bullets=bullets,
                fingerprint=hashlib.sha256(made_from.encode()).hexdigest(),
                status="done",
                is_ai=False,
                provider="offline",
                started_at=now,
                finished_at=now,
            )
        )
    WeekSummary.objects.bulk_create(summaries, batch_size=BATCH)
    return len(summaries)
