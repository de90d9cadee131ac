"""Review forms and the summaries written for them go through export and import whole: the
user's own forms (not the built-ins), a summary's copy of its questions, and each answer's
limit, cut and cited points; a form of the same name is there already."""

import datetime
import json

import pytest

from conftest import make_entry, make_user
from perf.llm import LLMConfig
from perf.models import ReviewForm
from perf.review_forms import create_form, user_form
from perf.services.summaries import create_summary, run_summary

from .journal_io import export, import_file, without_export_time, without_point_ids

pytestmark = pytest.mark.django_db
D = datetime.date
QUESTIONS = [
    {"text": "Your most important accomplishments?", "guidance": "Results first", "limit": 300},
    {"text": "What did you do for the office garden?", "guidance": "", "limit": None},
]


def journal_with_a_form_summary(user):
    make_entry(user, text="Moved billing events to Kafka, lag 40 s → 2 s", date=D(2026, 3, 3))
    form = create_form(user, "Acme H1", QUESTIONS)
    summary = create_summary(user, start=D(2026, 3, 1), end=D(2026, 3, 31), form=user_form(form))
    run_summary(summary, LLMConfig(provider="offline"))
    return form


def test_forms_and_answers_come_back_the_same_in_another_account(tmp_path):
    alice, bob = make_user("alice", language="en"), make_user("bob", language="en")
    journal_with_a_form_summary(alice)
    path = tmp_path / "alice.json"
    path.write_text(export(alice))

    report = import_file(bob, path)

    mine, theirs = (without_point_ids(without_export_time(export(u))) for u in (alice, bob))
    assert "review forms: 1" in report
    assert theirs["review_forms"][0]["questions"] == QUESTIONS
    assert theirs["review_forms"][0]["id"] != mine["review_forms"][0]["id"]  # alice's holds it
    summary = theirs["summaries"][0]
    assert summary["form_name"] == "Acme H1" and summary["form_questions"] == QUESTIONS
    first, second = summary["goal_reviews"]
    assert (first["limit"], len(first["answers"]), second["answers"]) == (300, 1, [])
    assert first["answers"][0]["entry_ids"] == [theirs["entries"][0]["id"]]  # bob's own entry


def test_a_form_of_the_same_name_is_there_already(tmp_path):
    user = make_user(language="en")
    journal_with_a_form_summary(user)
    path = tmp_path / "mine.json"
    path.write_text(export(user))
    ReviewForm.objects.filter(user=user).update(name="ACME h1")

    report = import_file(user, path)

    assert ReviewForm.objects.filter(user=user).count() == 1
    assert "review forms: 1" in report.split("Already there")[1]


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "Empty", "questions": []}, "A form needs at least one question."),
        (
            {"name": "Huge", "questions": [{"text": "Q", "limit": 5}]},
            "must be between 100 and 20000 characters",
        ),
    ],
)
def test_a_broken_form_in_the_file_imports_nothing(tmp_path, form, message):
    user = make_user(language="en")
    journal_with_a_form_summary(user)
    data = json.loads(export(user))
    data["review_forms"].append({"id": "4f1b7c1e-5d2a-4c57-9a8e-2f0c6b1d9e3a", **form})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    before = ReviewForm.objects.count()

    with pytest.raises(Exception) as raised:
        import_file(make_user("other"), path)

    assert message in str(raised.value) and ReviewForm.objects.count() == before
