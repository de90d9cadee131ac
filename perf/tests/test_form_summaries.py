"""A summary written for a review form, from the form to the page, the API, the download
and the command: one answer per question, each point citing its entries, each answer
within its character limit, a question without evidence saying so. The model is the fake
server, through the real SDKs."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import api_client, make_entry, make_user
from perf.llm import LLMConfig
from perf.models import GoalReview, PerfSummary
from perf.review_forms import create_form, find_form, user_form
from perf.services.markdown import summary_markdown
from perf.services.summaries import create_summary, run_summary

from .fake_llm import prompt_of

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH = {"start": D(2026, 3, 1), "end": D(2026, 3, 31)}
OFFLINE = LLMConfig(provider="offline")
QUESTIONS = [
    {"text": "What were your most important accomplishments?", "limit": 200},
    {"text": "Where did you help others?", "guidance": "Reviews, pairing", "limit": None},
    {"text": "What did you do for security?", "limit": 300},
]


def march_facts(user):
    kafka = "Moved billing events to Kafka, lag 40 s → 2 s"
    return {
        "kafka": make_entry(user, text=kafka, date=D(2026, 3, 3)),
        "reviews": make_entry(
            user, text="Reviewed 3 PRs for the payments team", date=D(2026, 3, 4)
        ),
    }


def written_for(user, form, config=OFFLINE, **options):
    summary = create_summary(user, **MARCH, form=form, **options)
    run_summary(summary, config)
    summary.refresh_from_db()
    return summary


def model_answers(*answers):
    return {
        "answers": [
            {"question_ref": ref, "points": [{"text": t, "refs": refs} for t, refs in points]}
            for ref, points in answers
        ]
    }


def test_a_pasted_form_is_answered_by_the_model_one_answer_per_question(fake_llm, anthropic_config):
    user = make_user(language="en")
    facts = march_facts(user)
    form = user_form(create_form(user, "Acme H1 review", QUESTIONS))
    fake_llm.answer(
        model_answers(
            ("Q1", [("Moved billing events to Kafka, cutting lag from 40 s to 2 s", ["E1"])]),
            ("Q2", [("Reviewed 3 PRs for the payments team", ["E2"])]),
            ("Q3", []),
        )
    )

    summary = written_for(user, form, anthropic_config)

    assert (summary.status, summary.form_name, summary.llm_calls) == ("done", "Acme H1 review", 1)
    answers = list(summary.goal_reviews.order_by("position"))
    assert [a.title for a in answers] == [q["text"] for q in QUESTIONS]
    assert [a.limit for a in answers] == [200, None, 300]
    first = answers[0].points.get()
    assert (first.section, first.cited_entry_ids()) == ("answer", [str(facts["kafka"].pk)])
    assert not answers[2].points.exists()
    assert "Q1 What were your most important accomplishments? (at most 200 characters)" in (
        prompt_of(fake_llm.requests[0]["body"])
    )


def test_an_answer_over_its_limit_is_shortened_then_cut_and_the_page_says_so(
    fake_llm, openai_config, client_for
):
    user = make_user(language="en")
    march_facts(user)
    form = user_form(create_form(user, "Acme", [{"text": "Your accomplishments?", "limit": 100}]))
    long = "Moved billing events to Kafka, cutting lag from 40 s to 2 s. " * 3
    fake_llm.answer(model_answers(("Q1", [(long, ["E1"])])))
    fake_llm.answer(model_answers(("Q1", [(long, ["E1"])])))  # "shortened", still too long

    summary = written_for(user, form, openai_config)

    answer = summary.goal_reviews.get()
    text = answer.points.get().text
    assert len(fake_llm.requests) == 2 and summary.llm_calls == 2
    assert answer.cut_to_limit and len(text) <= 100 and text.endswith("2 s.")
    page = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk])).text
    assert f"{len(text)} / 100 characters" in page
    assert "Cut to fit the limit" in page
    assert f'data-copy-text="{text}"' in page


def test_a_question_without_evidence_says_so_instead_of_inventing(client_for):
    user = make_user(language="en")
    march_facts(user)
    form = user_form(
        create_form(user, "Acme", [{"text": "What did you do for the office garden?"}])
    )

    summary = written_for(user, form)

    page = client_for(user).get(reverse("perf:summary-detail", args=[summary.pk])).text
    assert not summary.goal_reviews.get().points.exists()
    assert "No entry of this period speaks to this." in page


def test_without_ai_a_self_review_quotes_facts_within_each_limit():
    user = make_user(language="en")
    march_facts(user)
    form = find_form(user, "self-review", "en", "engineer")

    summary = written_for(user, form)

    assert (summary.is_ai, summary.form_key) == (False, "self-review")
    data = json.loads(
        call_command_output("generate_summary", "--user", user.username, "--start",
                            "2026-03-01", "--end", "2026-03-31", "--form", "self-review",
                            "--format", "json")
    )  # fmt: skip
    assert data["form"] == {"id": "self-review", "name": form.name}
    assert len(data["answers"]) == len(form.questions)
    for answer, question in zip(data["answers"], form.questions, strict=True):
        assert answer["characters"] == len(answer["text"])
        if question["limit"]:
            assert answer["characters"] <= question["limit"]
    assert any(answer["points"] for answer in data["answers"])


def call_command_output(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_promotion_packet_in_russian_for_a_manager():
    user = make_user(language="ru", role="manager")
    make_entry(user, text="Нанял двух бэкенд-разработчиков в команду", date=D(2026, 3, 3))
    form = find_form(user, "promotion", "ru", "manager")

    summary = written_for(user, form)

    assert summary.language == "ru" and summary.form_questions == form.questions
    markdown = summary_markdown(summary)
    assert markdown.startswith(f"# {form.name}: ")
    assert "Нанял двух бэкенд-разработчиков" in markdown


def test_the_api_writes_a_summary_for_a_form_and_returns_its_answers():
    user = make_user(language="en")
    march_facts(user)
    form = create_form(user, "Acme", QUESTIONS)
    client = api_client(user)

    response = client.post(
        "/api/perf/summary",
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "form_id": str(form.pk)},
        content_type="application/json",
    )
    summary = PerfSummary.objects.get(pk=response.json()["id"])
    run_summary(summary, OFFLINE)
    shown = client.get(f"/api/perf/summaries/{summary.pk}").json()

    assert response.status_code == 202
    assert shown["form"] == {"id": str(form.pk), "name": "Acme"}
    assert [a["question"] for a in shown["answers"]] == [q["text"] for q in QUESTIONS]
    assert {"question", "limit", "characters", "text", "points"} <= set(shown["answers"][0])
    assert set(shown["answers"][0]["points"][0]) >= {"text", "entry_ids", "unsupported"}


def test_another_users_form_cannot_be_answered_or_offered():
    owner, other = make_user("owner"), make_user("other", language="en")
    march_facts(other)
    form = create_form(owner, "Owner's form", QUESTIONS)

    response = api_client(other).post(
        "/api/perf/summary",
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "form_id": str(form.pk)},
        content_type="application/json",
    )

    assert response.status_code == 400 and not PerfSummary.objects.exists()
    assert "no review form of yours" in response.text
    assert find_form(other, str(form.pk), "en", "engineer") is None


def test_the_summary_form_offers_the_built_ins_and_the_users_forms(client_for):
    user = make_user(language="en")
    create_form(user, "Acme H1 review", QUESTIONS)
    create_form(make_user("someone"), "Not yours", QUESTIONS)

    page = client_for(user).get(reverse("perf:summary-index")).text

    assert "Acme H1 review" in page and "Not yours" not in page
    assert 'name="form_key"' in page and 'value="self-review"' in page


def test_writing_one_answer_again_keeps_the_others(client_for):
    user = make_user(language="en")
    march_facts(user)
    summary = written_for(user, user_form(create_form(user, "Acme", QUESTIONS)))
    second = summary.goal_reviews.get(position=1)
    others = {
        review.pk: list(review.points.values_list("text", flat=True))
        for review in summary.goal_reviews.exclude(pk=second.pk)
    }

    client_for(user).post(reverse("perf:review-regenerate", args=[summary.pk, second.pk]))
    summary.refresh_from_db()
    run_summary(summary, OFFLINE)  # the worker's run

    summary.refresh_from_db()
    assert summary.status == "done" and summary.rewriting_review_id is None
    assert GoalReview.objects.filter(summary=summary).count() == len(QUESTIONS)
    for pk, texts in others.items():
        assert list(GoalReview.objects.get(pk=pk).points.values_list("text", flat=True)) == texts


def test_a_russian_promotion_packet_is_asked_and_answered_in_russian(fake_llm, openai_config):
    user = make_user(language="ru", role="manager")
    make_entry(user, text="Нанял двух бэкенд-разработчиков в команду", date=D(2026, 3, 3))
    form = find_form(user, "promotion", "ru", "manager")
    refs = [f"Q{n}" for n in range(1, len(form.questions) + 1)]
    fake_llm.answer(
        model_answers(*[(ref, [("Нанял двух бэкенд-разработчиков", ["E1"])]) for ref in refs[:1]])
    )

    summary = written_for(user, form, openai_config)

    body = fake_llm.requests[0]["body"]
    system = body["messages"][0]["content"]
    assert summary.status == "done" and summary.language == "ru"
    assert "Записи журнала" in prompt_of(body) and form.questions[0]["text"] in prompt_of(body)
    assert "тимлид" in system  # the manager's wording, in Russian
    answers = list(summary.goal_reviews.order_by("position"))
    assert answers[0].points.get().text == "Нанял двух бэкенд-разработчиков"
    assert not any(answer.points.exists() for answer in answers[1:])


def test_a_form_deleted_meanwhile_is_said_in_the_live_evidence_panel(client_for):
    user = make_user(language="en")
    march_facts(user)
    gone = create_form(user, "Gone", QUESTIONS)
    key = str(gone.pk)
    gone.delete()

    panel = client_for(user).get(
        reverse("perf:summary-evidence"),
        {"preset": "custom", "start": "2026-03-01", "end": "2026-03-31", "form_key": key},
        headers={"HX-Request": "true"},
    )

    assert "That review form is gone: choose another." in panel.text
