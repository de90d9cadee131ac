"""One week's summary: written offline or through a real SDK against the fake server from
that week's facts only, by the weekly_summary command or queued once; an edit makes only
its weeks stale, also while the week is being written. Nothing of perf.llm is mocked."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import WeekSummary
from perf.services.weeks import monday_of, parse_iso_week, write_week
from perf.tasks import request_week

from .conftest import sent_lines
from .fake_llm import system_of

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2026, 3, 2)  # 2026-W10


def week_of(user, monday=MONDAY):
    return WeekSummary.objects.get_or_create(
        user=user, week_start=monday, defaults={"language": "en", "role": "engineer"}
    )[0]


def test_parse_iso_week_takes_only_the_canonical_form():
    assert parse_iso_week("2026-W10") == MONDAY
    for other in ("2026w10", "2026-W60"):
        with pytest.raises(ValidationError, match=f"{other} is not an ISO week"):
            parse_iso_week(other)


def test_an_offline_week_quotes_its_facts_grouped_and_never_its_plans():
    user = make_user(language="en")
    make_entry(user, text="Moved billing to Kafka #billing", date=MONDAY)
    make_entry(user, text="Billing alerts in Grafana #billing", date=MONDAY + datetime.timedelta(1))
    make_entry(user, type="plan", text="Demo the search", date=MONDAY)
    make_entry(user, text="Outside the week", date=MONDAY + datetime.timedelta(7))

    week = write_week(week_of(user), LLMConfig(provider="offline"))

    assert (week.status, week.is_ai, week.stale) == ("done", False, False)
    assert [b["text"] for b in week.bullets] == [
        "#billing: Moved billing to Kafka; Billing alerts in Grafana"
    ]
    assert len(week.bullets[0]["entry_ids"]) == 2


def test_the_command_writes_and_prints_a_week():
    user = make_user("ann", language="en")
    make_entry(user, text="Cut CI time from 20 to 8 minutes", date=MONDAY + datetime.timedelta(1))
    out = StringIO()

    call_command("weekly_summary", "--user", "ann", "--week", "2026-W10", stdout=out)

    assert out.getvalue().splitlines() == [
        "# 2026-W10 (2026-03-02 – 2026-03-08)",
        "- Cut CI time from 20 to 8 minutes (2026-03-03)",
    ]
    assert WeekSummary.objects.get().status == "done"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody"], "There is no user 'nobody'."),
        (["--user", "ann", "--week", "2026-13"], "2026-13 is not an ISO week"),
    ],
)
def test_the_command_refuses_bad_arguments(args, message):
    make_user("ann")
    with pytest.raises(CommandError, match=message):
        call_command("weekly_summary", *args)


def test_changing_an_entry_makes_only_its_weeks_stale():
    user = make_user()
    entry = make_entry(user, text="Fixed the flaky test", date=MONDAY)
    this_week = write_week(week_of(user), LLMConfig(provider="offline"))
    next_week = write_week(
        week_of(user, MONDAY + datetime.timedelta(weeks=1)), LLMConfig(provider="offline")
    )
    far = write_week(week_of(user, MONDAY + datetime.timedelta(weeks=5)), LLMConfig("offline"))

    make_entry(user, text="Another week's entry", date=MONDAY + datetime.timedelta(weeks=3))
    this_week.refresh_from_db()
    assert not this_week.stale

    entry.text = "Fixed two flaky tests"
    entry.save()
    this_week.refresh_from_db()
    assert this_week.stale

    moved = type(entry).objects.get(pk=entry.pk)
    moved.date = MONDAY + datetime.timedelta(weeks=1)
    WeekSummary.objects.update(stale=False)
    moved.save()  # moving it changes the week it leaves and the week it joins
    assert set(WeekSummary.objects.filter(stale=True)) == {this_week, next_week}

    WeekSummary.objects.update(stale=False)
    moved.delete()
    assert list(WeekSummary.objects.filter(stale=True)) == [next_week]
    far.refresh_from_db()
    assert not far.stale


def test_a_week_through_the_anthropic_sdk_sends_only_that_week(fake_llm, anthropic_config):
    user = make_user(language="en")
    inside = make_entry(user, text="Moved billing to Kafka", date=MONDAY)
    make_entry(user, text="Next week's work", date=MONDAY + datetime.timedelta(weeks=1))
    fake_llm.answer(
        {
            "bullets": [
                {"text": "Moved billing to Kafka", "refs": ["E1"]},
                {"text": "Invented work", "refs": ["E9"]},
            ]
        }
    )

    week = write_week(week_of(user), anthropic_config)

    body = fake_llm.requests[0]["body"]
    assert "Summarise this week" in system_of(body)
    assert sent_lines(body) == ["2026-03-02", "E1 Moved billing to Kafka"]
    assert [(b["text"], b["entry_ids"]) for b in week.bullets] == [
        ("Moved billing to Kafka", [str(inside.pk)])
    ]
    assert (week.ungrounded_count, week.provider) == (1, "anthropic")


def test_asking_for_a_week_queues_it_once(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        first = request_week(user, MONDAY)
        again = request_week(user, MONDAY)  # still pending: not queued twice

    assert first.pk == again.pk and again.status == "pending"
    assert DBTaskResult.objects.count() == 1
    assert monday_of(D(2026, 3, 8)) == MONDAY


def test_a_week_whose_entries_changed_while_it_was_written_stays_stale():
    from perf.llm.schemas import WeekResult
    from perf.services.weeks import save_week

    user = make_user(language="en")
    make_entry(user, text="Wrote the runbook", date=MONDAY)
    week = week_of(user)
    result = WeekResult(bullets=[], provider="offline", model="offline", prompt_version="x")

    save_week(week, result, {}, made_from="the fingerprint before an edit")

    week.refresh_from_db()
    assert (week.status, week.stale) == ("done", True)
