import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import make_entry, make_user
from journal.models import Entry, normalize_for_search, previous_working_day

pytestmark = pytest.mark.django_db


def test_search_finds_russian_text_in_any_case():
    user = make_user()
    wanted = make_entry(user, text="Закончил миграция базы на PostgreSQL")
    make_entry(user, text="Обсудили роадмап")

    assert list(Entry.objects.search("Миграция")) == [wanted]
    assert list(Entry.objects.search("МИГРАЦИЯ postgresql")) == [wanted]
    assert list(Entry.objects.search("миграция kafka")) == []


def test_search_treats_yo_as_ye():
    user = make_user()
    wanted = make_entry(user, text="Ещё раз прогнал нагрузочный тест")

    assert list(Entry.objects.search("еще")) == [wanted]
    assert list(Entry.objects.search("ЕЩЁ")) == [wanted]


def test_search_text_follows_edits():
    entry = make_entry(make_user(), text="Старый текст")
    entry.text = "Новый ТЕКСТ"
    entry.save(update_fields=["text"])

    entry.refresh_from_db()
    assert entry.search_text == normalize_for_search("Новый ТЕКСТ") == "новый текст"


def test_for_user_and_between_keep_to_one_user_and_period():
    alice, bob = make_user(), make_user()
    inside = make_entry(alice, date=datetime.date(2026, 3, 10))
    make_entry(alice, date=datetime.date(2026, 4, 1))
    make_entry(bob, date=datetime.date(2026, 3, 10))

    found = Entry.objects.for_user(alice).between(
        datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    )
    assert list(found) == [inside]


def test_plan_is_done_once_a_fact_fulfils_it():
    user = make_user()
    plan = make_entry(user, type="plan", text="Write the design doc")
    make_entry(user, type="fact", text="Wrote the design doc", fulfils_plan=plan)
    open_plan = make_entry(user, type="plan", text="Review PRs")

    flags = {e.pk: e.is_done for e in Entry.objects.plans().with_done_flag()}
    assert flags == {plan.pk: True, open_plan.pk: False}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 20)),  # Monday -> Friday
        (datetime.date(2026, 11, 24), datetime.date(2026, 11, 23)),  # Tuesday -> Monday
        (datetime.date(2026, 11, 22), datetime.date(2026, 11, 20)),  # Sunday -> Friday
        (datetime.date(2026, 11, 21), datetime.date(2026, 11, 20)),  # Saturday -> Friday
    ],
)
def test_previous_working_day_skips_the_weekend(day, expected):
    assert previous_working_day(day) == expected


@pytest.mark.parametrize(
    "fields",
    [{"type": "idea"}, {"text": ""}, {"text": "x" * 10_001}],
    ids=["unknown type", "empty text", "over-long text"],
)
def test_the_database_refuses_invalid_entries(fields):
    user = make_user()
    values = {"type": "fact", "text": "ok", "date": datetime.date(2026, 1, 1), **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(user=user, **values)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("50%", ["Снизили ошибки на 50% за квартал"]),
        ("snake_case", ["Renamed snake_case fields"]),
        ("*", ["Star * rating"]),
        ("[wip]", ["[WIP] draft of the RFC"]),
        ("?", ["Why? Because"]),
        ("pr", ["Reviewed 3 PRs"]),  # shorter than a trigram: still found
        ("%", ["Снизили ошибки на 50% за квартал"]),
        ("_", ["Renamed snake_case fields"]),
    ],
)
def test_search_takes_special_characters_literally(query, expected):
    user = make_user()
    for text in [
        "Снизили ошибки на 50% за квартал",
        "Renamed snake_case fields",
        "Star * rating",
        "[WIP] draft of the RFC",
        "Why? Because",
        "Reviewed 3 PRs",
        "Plain note",
    ]:
        make_entry(user, text=text)

    assert [e.text for e in Entry.objects.search(query)] == expected


def test_search_follows_edits_and_deletes():
    user = make_user()
    entry = make_entry(user, text="Настроил алерты")
    other = make_entry(user, text="Настроил дашборд")

    entry.text = "Переписал деплой"
    entry.save()
    other.delete()

    assert list(Entry.objects.search("деплой")) == [entry]
    assert list(Entry.objects.search("настроил")) == []


def test_the_search_index_is_rebuilt_from_the_entries():
    # Django remakes a SQLite table when a migration alters it, losing the FTS triggers and
    # rowids; post_migrate rebuilds the index from the entries (a no-op on PostgreSQL).
    from django.db import connection

    from journal.search import SQLITE_INDEX, ensure_sqlite_search_index

    entry = make_entry(make_user(), text="Перенёс очереди на Kafka")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('delete-all')")
        assert list(Entry.objects.search("kafka")) == []

    ensure_sqlite_search_index(connection)

    assert list(Entry.objects.search("kafka")) == [entry]


def test_an_entrys_url_is_its_row_url():
    entry = make_entry(make_user())

    assert entry.get_absolute_url() == reverse("journal:entry-row", args=[entry.pk])
