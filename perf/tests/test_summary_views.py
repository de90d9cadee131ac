import datetime

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import make_entry, make_goal, make_user, make_written_summary
from perf.forms import months_before
from perf.llm import LLMConfig
from perf.models import PerfSummary
from perf.services.summaries import create_summary, run_summary
from perf.services.weeks import write_week
from perf.tasks import request_week

from .conftest import written, written_summary
from .fake_llm import Step

pytestmark = pytest.mark.django_db
D = datetime.date
INDEX = reverse("perf:summary-index")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(D(2026, 8, 31), 6, D(2026, 2, 28)), (D(2026, 3, 15), 3, D(2025, 12, 15))],
)
def test_months_before_keeps_to_real_dates(day, months, expected):
    assert months_before(day, months) == expected


def test_the_form_defaults_to_the_profile(client_for):
    response = client_for(make_user(role="manager", language="ru")).get(INDEX)

    form = response.context["form"]
    assert form.initial == dict(preset="half_year", role="manager", language="ru", form_key="coo")


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC), tick=False)
def test_a_preset_queues_a_summary_of_the_last_half_year(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user()
    make_entry(user, date=D(2026, 11, 2))  # a period without a fact is refused
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            INDEX, {"preset": "half_year", "role": "engineer", "language": "en"}
        )

    summary = PerfSummary.objects.get()
    assert response["Location"] == reverse("perf:summary-detail", args=[summary.pk])
    assert (summary.period_start, summary.period_end, summary.status) == (
        D(2026, 5, 24),
        D(2026, 11, 24),
        "pending",
    )
    assert DBTaskResult.objects.get().args_kwargs["args"] == [str(summary.pk)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"start": "2026-05-01", "end": "2026-04-01"},
            "The end of the period comes before its start.",
        ),
        ({"start": "", "end": "2026-04-01"}, "Choose the first day of the period."),
        ({"start": "2026-02-30", "end": "2026-04-01"}, "Enter a real start date"),
        ({"start": "2020-01-01", "end": "2026-04-01"}, "A summary covers at most two years"),
    ],
)
def test_a_bad_custom_period_is_a_clear_error(client_for, fields, message):
    response = client_for(make_user()).post(
        INDEX, {"preset": "custom", "role": "engineer", "language": "en", **fields}
    )

    assert response.status_code == 422
    assert message in response.text
    assert not PerfSummary.objects.exists()


def test_the_list_shows_only_the_users_summaries(client_for):
    mine, other = make_user(), make_user()
    make_entry(mine, date=D(2026, 3, 3))
    make_entry(other, date=D(2025, 1, 3))
    create_summary(mine, start=D(2026, 3, 1), end=D(2026, 3, 31))
    create_summary(other, start=D(2025, 1, 1), end=D(2025, 1, 31))

    response = client_for(mine).get(INDEX)

    assert [s.user for s in response.context["summaries"]] == [mine]


def test_a_pending_summary_page_refreshes_itself(client_for):
    user = make_user()
    make_entry(user, date=D(2026, 3, 3))
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    client = client_for(user)
    url = reverse("perf:summary-detail", args=[summary.pk])

    page = client.get(url)
    body = client.get(url, **HTMX)

    assert 'hx-trigger="every 2s"' in page.text
    assert '<meta http-equiv="refresh" content="3">' in page.text
    assert body.text.lstrip().startswith('<div id="summary-body"')
    assert "<html" not in body.text


def test_a_written_summary_shows_its_goals_with_cited_entries(client_for):
    user = make_user()
    summary = written_summary(user)

    response = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    assert "hx-trigger" not in response.text
    assert "Draft without AI" in response.text
    assert response.text.count("Cut CI time from 20 to 8 minutes") >= 2  # bullet and citation
    assert reverse("perf:summary-download", args=[summary.pk]) in response.text


def test_markdown_download(client_for):
    user = make_user()
    summary = written_summary(user)

    response = client_for(user).get(reverse("perf:summary-download", args=[summary.pk]))

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert 'filename="perf-summary-2026-03-01-2026-03-31.md"' in response["Content-Disposition"]
    assert "- Cut CI time from 20 to 8 minutes (3 Mar 2026)" in response.content.decode()


def test_a_failed_summary_says_why_and_offers_to_try_again(client_for):
    user = make_user()
    make_entry(user, date=D(2026, 3, 3))
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    PerfSummary.objects.filter(pk=summary.pk).update(
        status="failed", error="Anthropic is overloaded"
    )

    response = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    assert "Anthropic is overloaded" in response.text
    # Trying again rewrites the same record: same period, role, language and left-out entries.
    assert f'action="{reverse("perf:summary-regenerate", args=[summary.pk])}"' in response.text


@pytest.mark.parametrize("name", ["summary-detail", "summary-download", "summary-delete"])
def test_a_strangers_summary_is_404(client_for, name):
    summary = written_summary(make_user())

    response = client_for(make_user()).get(reverse(f"perf:{name}", args=[summary.pk]))

    assert response.status_code == 404


def test_delete_asks_then_deletes(client_for):
    user = make_user()
    summary = written_summary(user)
    client = client_for(user)
    url = reverse("perf:summary-delete", args=[summary.pk])

    assert client.get(url).status_code == 200
    assert client.post(url)["Location"] == INDEX
    assert not PerfSummary.objects.exists()


def test_the_evidence_panel_groups_the_periods_facts(client_for):

    user = make_user()
    make_goal(user=user, title="Billing", slug="billing")
    make_entry(user, type="fact", text="Moved billing to Kafka #billing", date=D(2026, 3, 3))
    make_entry(user, type="fact", text="Mostly meetings", date=D(2026, 3, 4))
    make_entry(user, type="fact", text="Outside the period", date=D(2026, 5, 4))

    response = client_for(user).get(
        reverse("perf:summary-evidence"),
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31"},
        **HTMX,
    )

    assert response.text.lstrip().startswith('<div id="evidence"')
    # The swapped-in panel must not load itself again (that loop wiped the user's ticks).
    assert 'hx-trigger="change from:.period-input"' in response.text
    assert "Evidence: 2 facts" in response.text
    assert "Billing" in response.text and "Not linked to a goal" in response.text
    assert "Outside the period" not in response.text


def test_left_out_entries_are_recorded_and_never_sent(
    client_for, django_capture_on_commit_callbacks
):
    user = make_user()
    noise = make_entry(user, type="fact", text="Mostly meetings", date=D(2026, 3, 4))
    make_entry(user, type="fact", text="Shipped search", date=D(2026, 3, 5))

    with django_capture_on_commit_callbacks(execute=True):
        client_for(user).post(
            INDEX,
            {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
             "language": "en", "exclude": [noise.pk]},
        )  # fmt: skip
    summary = PerfSummary.objects.get()
    run_summary(summary, LLMConfig(provider="offline"))

    summary.refresh_from_db()
    assert summary.excluded_entry_ids == [str(noise.pk)]
    assert str(noise.pk) not in summary.sent_entry_ids


def test_a_strangers_entry_cannot_be_left_out(client_for):
    stranger_entry = make_entry(make_user(), type="fact", date=D(2026, 3, 4))

    response = client_for(make_user()).post(
        INDEX,
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
         "language": "en", "exclude": [stranger_entry.pk]},
    )  # fmt: skip

    assert response.status_code == 422
    assert "One of the entries to leave out is not yours." in response.text
    assert not PerfSummary.objects.exists()


def test_without_javascript_the_evidence_shows_on_request(client_for):
    user = make_user()
    make_entry(user, type="fact", text="Shipped search", date=D(2026, 3, 5))

    response = client_for(user).post(
        INDEX,
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "role": "engineer",
         "language": "en", "preview": "1"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Evidence: 1 fact" in response.text
    assert not PerfSummary.objects.exists()


def test_a_written_summary_shows_its_coverage(client_for):
    user = make_user()
    make_entry(user, type="plan", text="Write the RFC", date=D(2026, 3, 2))
    summary = written_summary(user)

    response = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    assert "Plans no fact marks done" in response.text
    assert "Write the RFC" in response.text
    assert "Two weeks or more without a fact" in response.text


def test_writing_it_again_queues_the_same_summary(client_for, django_capture_on_commit_callbacks):
    user = make_user()
    summary = written_summary(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(reverse("perf:summary-regenerate", args=[summary.pk]))

    assert response["Location"] == reverse("perf:summary-detail", args=[summary.pk])
    summary.refresh_from_db()
    assert summary.status == "pending"
    assert DBTaskResult.objects.get().args_kwargs["args"] == [str(summary.pk)]


def test_a_failed_rewrite_keeps_the_summary_written_before(client_for, fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    summary = written_summary(user)
    fake_llm.script(Step(status=529))
    PerfSummary.objects.filter(pk=summary.pk).update(status="pending")  # as "Write it again" does

    run_summary(summary, LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0))
    response = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    summary.refresh_from_db()
    assert summary.status == "failed"
    assert summary.goal_reviews.count() == 1
    assert "Writing it again failed; this is the summary written before." in response.text
    assert "Cut CI time from 20 to 8 minutes" in response.text


def test_writing_it_again_needs_a_post(client_for):
    user = make_user()
    summary = written_summary(user)

    assert (
        client_for(user).get(reverse("perf:summary-regenerate", args=[summary.pk])).status_code
        == 405
    )


def test_polling_a_deleted_summary_stops_the_polling(client_for):
    user = make_user()
    make_entry(user, date=D(2026, 3, 3))
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31))
    url = reverse("perf:summary-detail", args=[summary.pk])
    summary.delete()

    assert client_for(user).get(url, **HTMX).status_code == 286
    assert client_for(user).get(url).status_code == 404


def test_coverage_after_writing_honours_left_out_entries(client_for):

    user = make_user()
    goal = make_goal(user=user, title="Kafka migration", slug="kafka")
    noise = make_entry(user, type="fact", text="Kafka sync #kafka", date=D(2026, 3, 10))
    make_entry(user, type="fact", text="Cut CI time from 20 to 8 minutes", date=D(2026, 3, 3))
    summary = make_written_summary(user, language="en", exclude_entry_ids=[noise.pk])

    response = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk]))

    coverage = response.context["coverage"]
    assert coverage["goals_without_evidence"] == [goal]


def test_a_preset_ignores_leftover_custom_dates(client_for):
    user = make_user()
    make_entry(user, date=user.profile.today())  # a period without a fact is refused
    response = client_for(user).post(
        INDEX,
        {"preset": "quarter", "start": "2026-05-01", "end": "2026-04-01", "role": "engineer",
         "language": "en"},
    )  # fmt: skip

    assert response.status_code == 302
    assert PerfSummary.objects.get().period_end - PerfSummary.objects.get().period_start > (
        datetime.timedelta(days=85)
    )


def test_a_script_in_an_entry_or_the_model_answer_is_text_everywhere(
    client_for, fake_llm, monkeypatch, settings
):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    script = "<script>alert(1)</script>"
    user = make_user(language="en")
    entry = make_entry(user, text=f"Shipped {script}", date=D(2026, 3, 3))
    fake_llm.answer({"summary_text": f"Narrative {script}", "goals": [
        {"goal_ref": None, "title": f"Title {script}", "context": f"Context {script}",
         "context_refs": [], "outputs": [{"text": f"Point {script}", "refs": ["E1"]}],
         "outcomes": []}]})  # fmt: skip
    config = LLMConfig(provider="anthropic", anthropic_api_key="k", max_retries=0)
    summary = make_written_summary(user, language="en", config=config)
    goal = make_goal(user=user, title=f"Goal {script}", slug="xss",
                               description=f"About {script}")  # fmt: skip
    entry.goals.add(goal)
    fake_llm.answer({"bullets": [{"text": f"Week point {script}", "refs": ["E1"]}]})
    week = write_week(request_week(user, D(2026, 3, 2)), config)
    assert week.status == "done"
    settings.ANTHROPIC_API_KEY = "k"  # the polish proposal asks the fake model too
    fake_llm.answer({"rewrite": f"Shipped {script} on time"})
    admin = get_user_model().objects.create_superuser("root", password="root passphrase 1")
    client = client_for(user)

    pages = [
        client.get(reverse("journal:today"), {"date": "2026-03-03"}),
        client.get(reverse("journal:feed")),
        client.get(reverse("perf:summary-detail", args=[summary.pk])),
        client.get(reverse("perf:summary-download", args=[summary.pk])),
        client.get(reverse("perf:goal-list")),
        client.get(reverse("perf:goal-detail", args=[goal.pk])),
        client.get(reverse("perf:goal-edit", args=[goal.pk])),
        client.get(reverse("perf:week", args=["2026-W10"]), headers={"HX-Request": "true"}),
        client.post(reverse("perf:polish-entry", args=[entry.pk]), {"text": entry.text}),
        client.get(reverse("perf:journal-export", args=["md"])),
        client.get(reverse("journal:entry-edit", args=[entry.pk])),
    ]
    assert "Week point &lt;script&gt;" in pages[1].text  # the week's card in Feed
    assert "&lt;script&gt;alert(1)&lt;/script&gt; on time" in pages[8].text  # the proposal
    admin_client = client_for(admin)
    for name, pk in [("journal_entry", entry.pk), ("perf_perfsummary", summary.pk),
                     ("perf_goal", goal.pk), ("perf_weeksummary", week.pk)]:  # fmt: skip
        pages.append(admin_client.get(reverse(f"admin:{name}_change", args=[pk])))
    pages.append(admin_client.get(reverse("admin:journal_entry_changelist")))

    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        assert script not in page.content.decode(), page.request["PATH_INFO"]
    assert "&lt;script&gt;" in pages[3].content.decode()  # the Markdown, as text
    # The API gives the text back exactly, as JSON (not HTML, and nosniff).
    api = client_for(user).get(f"/api/entries/{entry.pk}")
    assert api.json()["text"] == entry.text and api["X-Content-Type-Options"] == "nosniff"


def test_in_russian_a_point_is_removed_and_the_summary_deleted_in_distinct_words(client_for):
    # A removed point can be restored, a deleted summary is gone: one word for both misled.
    user = make_user(language="ru")
    summary, _, _ = written(user)

    body = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk])).text

    assert ">Убрать</button>" in body  # each point's control
    assert 'hx-confirm="Убрать этот пункт из саммари?"' in body
    delete = reverse("perf:summary-delete", args=[summary.pk])
    assert f'href="{delete}">Удалить</a>' in body  # the summary's
    assert ">Удалить</button>" not in body
