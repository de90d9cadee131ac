import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import make_entry, make_goal, make_user, make_written_summary
from perf.llm import LLMConfig
from perf.models import GoalReview, PerfSummary
from perf.services.markdown import summary_markdown
from perf.services.shown import summary_as_dict
from perf.services.summaries import create_summary, run_summary

from .conftest import point_citing
from .fake_llm import Step, prompt_of

pytestmark = pytest.mark.django_db
D = datetime.date


def billing_goal_and_entries(user):
    """The billing goal, and four entries by name: a plan and the fact it is linked by (its
    #billing tag) early in March 2026, another fact of no goal, and a fact before March."""
    goal = make_goal(user=user, title="Reliable billing", slug="billing")
    entries = {
        "plan": make_entry(user, type="plan", text="Move billing to Kafka", date=D(2026, 3, 2)),
        "fact": make_entry(
            user,
            type="fact",
            text="Moved billing to Kafka #billing, lag 40 s → 2 s",
            date=D(2026, 3, 3),
        ),
        "other": make_entry(user, type="fact", text="Reviewed 3 PRs", date=D(2026, 3, 4)),
        "outside": make_entry(user, type="fact", text="Before the period", date=D(2026, 2, 27)),
    }
    return goal, entries


def test_a_tag_in_an_entry_links_it_to_the_goal():
    user = make_user()
    goal, entries = billing_goal_and_entries(user)

    assert list(goal.entries.all()) == [entries["fact"]]


def test_offline_summary_is_saved_with_citations():
    user = make_user(language="en")
    goal, entries = billing_goal_and_entries(user)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))

    run_summary(summary, LLMConfig(provider="offline"))

    summary.refresh_from_db()
    assert (summary.status, summary.is_ai, summary.provider) == ("done", False, "offline")
    reviews = list(summary.goal_reviews.all())
    assert reviews[0].goal == goal
    point = point_citing(reviews[0], entries["fact"])
    assert point.cited_entry_ids() == [str(entries["fact"].pk)]
    assert str(entries["outside"].pk) not in summary.sent_entry_ids
    data = summary_as_dict(summary)
    assert data["goals"][0][f"{point.section}s"] == [
        {
            "text": point.text,
            "entry_ids": [str(entries["fact"].pk)],
            "unsupported": [],
            "cited_entries_deleted": 0,
        }
    ]


def test_only_the_users_entries_of_the_period_are_sent(fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    billing_goal_and_entries(user)
    make_entry(make_user(), type="fact", text="A stranger's secret", date=D(2026, 3, 3))
    excluded = make_entry(user, type="fact", text="Mostly meetings", date=D(2026, 3, 5))
    fake_llm.answer({"summary_text": "ok", "goals": []})
    summary = create_summary(
        user, start=D(2026, 3, 1), end=D(2026, 3, 31), exclude_entry_ids=[excluded.pk]
    )

    run_summary(summary, LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0))

    prompt = prompt_of(fake_llm.requests[0]["body"])
    assert "Moved billing to Kafka" in prompt and "Reviewed 3 PRs" in prompt
    assert "secret" not in prompt
    assert "Before the period" not in prompt
    assert "Mostly meetings" not in prompt
    summary.refresh_from_db()
    assert summary.excluded_entry_ids == [str(excluded.pk)]
    assert len(summary.sent_entry_ids) == 3


def test_a_failed_generation_keeps_nothing_half_written(fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user(language="en")
    billing_goal_and_entries(user)
    fake_llm.script(Step(status=529))
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))

    run_summary(summary, LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0))

    summary.refresh_from_db()
    assert summary.status == "failed"
    assert "overloaded (529)" in summary.error
    assert not GoalReview.objects.exists()


def test_markdown_export_cites_dates_and_flags_unsupported_figures(fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    _, entries = billing_goal_and_entries(user)
    fake_llm.answer(
        {
            "summary_text": "Billing got faster.",
            "goals": [
                {
                    "goal_ref": "G1",
                    "title": "Reliable billing",
                    "context": "Lag hurt payments.",
                    "context_refs": [],
                    "outputs": [{"text": "Moved billing to Kafka", "refs": ["E2"]}],
                    "outcomes": [{"text": "Lag down by 95%", "refs": ["E2"]}],
                }
            ],
        }
    )
    summary = make_written_summary(
        user, language="en", config=LLMConfig(provider="anthropic", anthropic_api_key="k")
    )

    markdown = summary_markdown(summary)

    assert "## Reliable billing" in markdown
    assert "- Moved billing to Kafka (3 Mar 2026)" in markdown
    assert "- Lag down by 95% (3 Mar 2026) ⚠ unsupported: 95%" in markdown


def test_the_command_prints_json():
    user = make_user("marina")
    billing_goal_and_entries(user)
    out = StringIO()

    call_command(
        "generate_summary", "--user", "marina", "--start", "2026-03-01", "--end", "2026-03-31",
        "--format", "json", stdout=out,
    )  # fmt: skip

    data = json.loads(out.getvalue())
    assert set(data) == {
        "id", "period_start", "period_end", "summary_text", "summary_unsupported", "goals",
    }  # fmt: skip
    assert PerfSummary.objects.get().status == "done"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--user", "nobody"], "There is no user 'nobody'."),
        (["--end", "2026-02-01"], "The end of the period comes before its start."),
        (["--start", "2020-01-01"], "A summary covers at most two years"),
        (["--start", "2026-02-30"], "2026-02-30 is not a date; write it as 2026-11-24."),
        (["--start", "1969-12-31"], "1969-12-31 is outside the dates Perf Assist keeps"),
    ],
)
def test_the_command_refuses_bad_arguments(arguments, message):
    make_user("marina")
    values = {"--user": "marina", "--start": "2026-03-01", "--end": "2026-03-31"}
    for flag, value in zip(arguments[::2], arguments[1::2], strict=True):
        values[flag] = value

    with pytest.raises(CommandError, match=message):
        call_command("generate_summary", *[x for pair in values.items() for x in pair])

    assert not PerfSummary.objects.exists()


@pytest.mark.parametrize(
    "url_name", ["admin:perf_goal_changelist", "admin:perf_perfsummary_changelist"]
)
def test_admin_lists_goals_and_summaries(client, url_name):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    admin = get_user_model().objects.create_superuser("root", "", "admin passphrase 1")
    billing_goal_and_entries(admin)
    summary = make_written_summary(admin)
    client.force_login(admin)

    assert client.get(reverse(url_name)).status_code == 200
    assert (
        client.get(reverse("admin:perf_perfsummary_change", args=[summary.pk])).status_code == 200
    )


def test_a_summary_deleted_while_it_is_written_stays_deleted(monkeypatch):
    import perf.services.summaries

    user = make_user()
    billing_goal_and_entries(user)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    real_generate = perf.services.summaries.generate_summary

    def generate_then_delete(request, config):
        result = real_generate(request, config)  # the real offline provider
        PerfSummary.objects.filter(pk=summary.pk).delete()  # the user clicks Delete meanwhile
        return result

    monkeypatch.setattr(perf.services.summaries, "generate_summary", generate_then_delete)

    run_summary(summary, LLMConfig(provider="offline"))

    assert not PerfSummary.objects.exists()
    assert not GoalReview.objects.exists()


def test_a_failure_while_saving_keeps_the_previous_result(monkeypatch):
    user = make_user(language="en")
    billing_goal_and_entries(user)
    summary = make_written_summary(user)
    before = list(GoalReview.objects.values_list("pk", flat=True))
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")  # written again

    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(GoalReview.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        run_summary(summary, LLMConfig(provider="offline"))

    summary.refresh_from_db()
    assert summary.status == "failed"
    assert "nothing was saved" in summary.error
    assert list(GoalReview.objects.values_list("pk", flat=True)) == before


def test_a_second_run_of_a_written_summary_changes_nothing():
    user = make_user()
    billing_goal_and_entries(user)
    summary = make_written_summary(user)
    finished, reviews = summary.finished_at, list(GoalReview.objects.values_list("pk", flat=True))

    again = run_summary(summary, LLMConfig(provider="offline"))

    assert again.finished_at == finished
    assert list(GoalReview.objects.values_list("pk", flat=True)) == reviews


def test_an_overlong_goal_title_is_cut_to_fit(fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    billing_goal_and_entries(user)
    fake_llm.answer(
        {
            "summary_text": "ok",
            "goals": [
                {
                    "goal_ref": None,
                    "title": "T" * 300,
                    "context": "",
                    "context_refs": [],
                    "outputs": [{"text": "Reviewed 3 PRs", "refs": ["E3"]}],
                    "outcomes": [],
                }
            ],
        }
    )

    summary = run_summary(
        create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31)),
        LLMConfig(provider="anthropic", anthropic_api_key="k"),
    )

    assert summary.status == "done"
    assert len(summary.goal_reviews.get().title) == 200


def test_the_command_refuses_a_period_without_a_fact():
    make_user("nadia")

    with pytest.raises(CommandError, match="There are no facts between 1 Mar 2026"):
        call_command(
            "generate_summary", "--user", "nadia", "--start", "2026-03-01", "--end", "2026-03-31",
            stdout=StringIO(),
        )  # fmt: skip
    assert not PerfSummary.objects.exists()
