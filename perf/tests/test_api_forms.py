"""The JSON API's review forms: /api/forms."""

import pytest
from django.test import Client

from conftest import api_client, make_user
from perf.form_model import ReviewForm
from perf.review_forms import create_form

pytestmark = pytest.mark.django_db

WORKDAY = {
    "name": "Workday H2",
    "questions": [
        {"text": "What were your accomplishments?", "guidance": "With figures.", "limit": 1500},
        {"text": "What is next?"},
    ],
}


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def patch(client, path, data):
    return client.patch(path, data, content_type="application/json")


def test_a_posted_form_is_201_with_its_id_and_questions():
    user = make_user()

    made = post(api_client(user), "/api/forms", WORKDAY)

    assert made.status_code == 201
    body = made.json()
    form = ReviewForm.objects.get(user=user)
    assert body["id"] == str(form.pk) and body["builtin"] is False
    assert body["name"] == "Workday H2"
    assert body["questions"] == [
        {"text": "What were your accomplishments?", "guidance": "With figures.", "limit": 1500},
        {"text": "What is next?", "guidance": "", "limit": None},
    ]
    assert form.questions == body["questions"]


def test_the_list_gives_the_built_ins_then_the_users_forms():
    user = make_user()
    client = api_client(user)
    made = post(client, "/api/forms", WORKDAY).json()

    forms = client.get("/api/forms").json()

    assert [form["id"] for form in forms] == ["coo", "self-review", "promotion", made["id"]]
    assert [form["builtin"] for form in forms] == [True, True, True, False]
    assert forms[0]["questions"] == [] and forms[0]["created_at"] is None
    assert forms[2]["questions"][0]["limit"] == 2000


def test_the_built_ins_follow_the_profiles_role_and_language():
    client = api_client(make_user(role="manager", language="ru"))

    promotion = client.get("/api/forms/promotion").json()

    assert promotion["name"] == "Пакет на повышение"
    assert promotion["questions"][0]["text"].startswith("Управление людьми")
    english = client.get("/api/forms/promotion?language=en&role=engineer").json()
    assert english["questions"][0]["text"].startswith("Technical depth")
    listed = client.get("/api/forms?language=en").json()
    assert listed[2]["questions"][0]["text"].startswith("People leadership")
    assert client.get("/api/forms?language=de").status_code == 400


def test_a_form_can_be_renamed_given_new_questions_and_deleted():
    user = make_user()
    client = api_client(user)
    form_id = post(client, "/api/forms", WORKDAY).json()["id"]

    renamed = patch(client, f"/api/forms/{form_id}", {"name": "Workday H1"})
    asked = patch(client, f"/api/forms/{form_id}", {"questions": [{"text": "Only this?"}]})

    assert renamed.status_code == 200 and renamed.json()["name"] == "Workday H1"
    assert renamed.json()["questions"] == WORKDAY["questions"][:1] + [
        {"text": "What is next?", "guidance": "", "limit": None}
    ]
    assert asked.json()["name"] == "Workday H1"
    assert asked.json()["questions"] == [{"text": "Only this?", "guidance": "", "limit": None}]
    assert client.get(f"/api/forms/{form_id}").json() == asked.json()
    assert client.delete(f"/api/forms/{form_id}").status_code == 204
    assert not ReviewForm.objects.exists()


def test_built_ins_are_read_only():
    client = api_client(make_user())

    changed = patch(client, "/api/forms/self-review", {"name": "Mine"})
    deleted = client.delete("/api/forms/promotion")

    assert changed.status_code == deleted.status_code == 405
    assert "built-in form and cannot be changed" in changed.json()["detail"]
    assert client.get("/api/forms/self-review").json()["name"] == "Self-review"


def test_another_users_form_is_404_to_read_change_and_delete():
    owner = create_form(make_user(), "Theirs", [{"text": "Wins?"}])
    client = api_client(make_user())
    url = f"/api/forms/{owner.pk}"

    assert client.get(url).status_code == 404
    assert patch(client, url, {"name": "Mine"}).status_code == 404
    assert client.delete(url).status_code == 404
    assert [form["id"] for form in client.get("/api/forms").json()] == [
        "coo",
        "self-review",
        "promotion",
    ]
    owner.refresh_from_db()
    assert owner.name == "Theirs"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"name": "X", "questions": []}, "questions", "at least 1 item"),
        ({"name": "X", "questions": [{"text": "Q?", "limit": 50}]}, "questions",
         "The limit of question 1 must be between 100 and 20000 characters."),
        ({"name": "X", "questions": [{"text": "Q?", "limit": "1500"}]}, "limit", "integer"),
        ({"name": "X", "questions": [{"text": "   "}]}, "questions", "Question 1 has no text."),
        ({"name": "   ", "questions": [{"text": "Q?"}]}, "name", "Give the form a name."),
        ({"name": "X", "questions": [{"text": "Q?", "colour": "red"}]}, "colour", "Extra"),
        ({"questions": [{"text": "Q?"}]}, "name", "Field required"),
        # PostgreSQL's text cannot hold a NUL, nor UTF-8 a lone surrogate.
        ({"name": "A\u0000B", "questions": [{"text": "Q?"}]}, "name", "Null characters"),
        ({"name": "X", "questions": [{"text": "Q?", "guidance": "g\u0000"}]}, "questions",
         "Null characters"),
        ({"name": "X", "questions": [{"text": "Q\ud800?"}]}, "text", "broken character"),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_naming_the_field_and_saves_nothing(payload, field, message):
    answer = post(api_client(make_user()), "/api/forms", payload)

    assert answer.status_code == 400
    errors = answer.json()["detail"]
    assert any(error["loc"][-1] == field and message in error["msg"] for error in errors), errors
    assert not ReviewForm.objects.exists()


def test_a_name_in_use_is_a_400_whether_posted_or_patched():
    user = make_user()
    client = api_client(user)
    post(client, "/api/forms", WORKDAY)
    other = post(client, "/api/forms", {**WORKDAY, "name": "Lattice"}).json()

    posted = post(client, "/api/forms", {**WORKDAY, "name": "workday h2"})
    patched = patch(client, f"/api/forms/{other['id']}", {"name": "WORKDAY H2"})

    for answer in (posted, patched):
        assert answer.status_code == 400
        assert answer.json()["detail"][0]["loc"] == ["body", "name"]
        assert "You already have a form called" in answer.json()["detail"][0]["msg"]
    assert sorted(ReviewForm.objects.values_list("name", flat=True)) == ["Lattice", "Workday H2"]


def test_a_bad_patch_changes_nothing():
    user = make_user()
    client = api_client(user)
    form_id = post(client, "/api/forms", WORKDAY).json()["id"]

    answers = [
        patch(client, f"/api/forms/{form_id}", {"name": "New", "questions": [{"text": ""}]}),
        patch(client, f"/api/forms/{form_id}", {"name": None}),
        patch(client, f"/api/forms/{form_id}", {"questions": None}),
    ]

    assert [answer.status_code for answer in answers] == [400, 400, 400]
    form = ReviewForm.objects.get(pk=form_id)
    assert form.name == "Workday H2" and len(form.questions) == 2


def test_it_needs_credentials():
    anonymous = Client()

    assert anonymous.get("/api/forms").status_code == 401
    assert post(anonymous, "/api/forms", WORKDAY).status_code == 401
    assert not ReviewForm.objects.exists()


def test_a_browser_session_needs_its_csrf_token_to_write(client):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())

    assert client.get("/api/forms").status_code == 200
    assert post(client, "/api/forms", WORKDAY).status_code == 403
    assert not ReviewForm.objects.exists()
