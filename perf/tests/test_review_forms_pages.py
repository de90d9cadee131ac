"""The Review forms pages: the list, new, edit, reorder, copy and delete."""

import pytest
from django.urls import reverse

from conftest import make_user
from perf.form_model import ReviewForm
from perf.review_forms import create_form

pytestmark = pytest.mark.django_db

PASTED = (
    "1. What were your most important accomplishments? (max 1,500 characters)\n"
    "    Two or three, with figures.\n"
    "2. Where did you show ownership? (up to 1000 chars)\n"
    "3. What will you focus on next half?\n"
)


def make_form(user, name="Workday H2", questions=None):
    return create_form(user, name, questions or [{"text": "Wins?", "limit": 1500}])


def names(user):
    return list(ReviewForm.objects.filter(user=user).values_list("name", flat=True))


def test_the_list_shows_the_built_ins_with_their_limits_and_the_users_forms(alice_client, user):
    make_form(user)

    page = alice_client.get(reverse("perf:form-list"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Context / Outputs / Outcomes per goal" in text
    assert "Self-review" in text and "Promotion packet" in text
    assert "max 1,500 characters" in text and "max 2,000 characters" in text
    assert "Workday H2" in text
    assert text.count("Copy to my forms") == 2  # C/O/O has no questions to copy


def test_the_list_speaks_russian_to_a_russian_manager(client):
    user = make_user(language="ru", role="manager")
    client.force_login(user)

    text = client.get(reverse("perf:form-list")).content.decode()

    assert "Пакет на повышение" in text and "Управление людьми" in text


def test_a_pasted_form_is_saved_with_its_limits_and_guidance(alice_client, user):
    answer = alice_client.post(
        reverse("perf:form-new"), {"name": " Workday H2 ", "questions": PASTED}
    )

    assert answer.status_code == 302 and answer.url == reverse("perf:form-list")
    form = ReviewForm.objects.get(user=user)
    assert form.name == "Workday H2"
    assert form.questions == [
        {
            "text": "What were your most important accomplishments?",
            "guidance": "Two or three, with figures.",
            "limit": 1500,
        },
        {"text": "Where did you show ownership?", "guidance": "", "limit": 1000},
        {"text": "What will you focus on next half?", "guidance": "", "limit": None},
    ]


def test_the_new_page_explains_the_conventions_and_writes_nothing_on_get(alice_client):
    page = alice_client.get(reverse("perf:form-new"))

    assert page.status_code == 200
    assert "(max 1500)" in page.content.decode()
    assert not ReviewForm.objects.exists()


def test_preview_shows_what_was_recognised_and_saves_nothing(alice_client):
    data = {"name": "Workday", "questions": PASTED, "preview": "1"}

    plain = alice_client.post(reverse("perf:form-new"), data)
    swapped = alice_client.post(reverse("perf:form-preview"), data, headers={"HX-Request": "true"})

    assert plain.status_code == 200 and swapped.status_code == 200
    for answer in (plain, swapped):
        assert "Where did you show ownership?" in answer.content.decode()
        assert "max 1,000 characters" in answer.content.decode()
    assert "<html" not in swapped.content.decode()
    assert not ReviewForm.objects.exists()


def test_preview_of_a_faulty_paste_says_what_is_wrong(alice_client):
    answer = alice_client.post(reverse("perf:form-preview"), {"questions": "Short? (max 5 chars)"})

    assert "must be between 100 and 20000" in answer.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Workday", "questions": ""}, "This field is required."),
        (
            {"name": "Workday", "questions": "Short? (max 50 chars)"},
            "must be between 100 and 20000",
        ),
        ({"name": "", "questions": PASTED}, "This field is required."),
    ],
)
def test_a_faulty_form_is_422_and_nothing_is_saved(alice_client, data, message):
    answer = alice_client.post(reverse("perf:form-new"), data)

    assert answer.status_code == 422
    assert message in answer.content.decode()
    assert not ReviewForm.objects.exists()


def test_a_duplicate_name_is_a_clear_error(alice_client, user):
    make_form(user, "Workday H2")

    answer = alice_client.post(
        reverse("perf:form-new"), {"name": "workday h2", "questions": PASTED}
    )

    assert answer.status_code == 422
    assert "You already have a form called “workday h2”" in answer.content.decode()
    assert names(user) == ["Workday H2"]


def test_editing_shows_the_form_as_pasted_text_and_saves_reordered_lines(alice_client, user):
    form = make_form(
        user, questions=[{"text": "First?", "guidance": "Why.", "limit": 1500}, {"text": "Second?"}]
    )
    url = reverse("perf:form-edit", args=[form.pk])

    page = alice_client.get(url)
    answer = alice_client.post(
        url, {"name": "Workday H1", "questions": "Second?\nFirst? (max 1500)\n  Why."}
    )

    assert "First? (max 1500)\n    Why.\nSecond?" in page.content.decode()
    assert answer.status_code == 302
    form.refresh_from_db()
    assert form.name == "Workday H1"
    assert [question["text"] for question in form.questions] == ["Second?", "First?"]
    assert form.questions[1] == {"text": "First?", "guidance": "Why.", "limit": 1500}


def test_editing_keeps_its_own_name_but_not_another_forms(alice_client, user):
    form, other = make_form(user, "Workday"), make_form(user, "Lattice")
    url = reverse("perf:form-edit", args=[form.pk])

    kept = alice_client.post(url, {"name": "WORKDAY", "questions": "Wins?"})
    taken = alice_client.post(url, {"name": "lattice", "questions": "Losses?"})

    assert kept.status_code == 302 and taken.status_code == 422
    form.refresh_from_db(), other.refresh_from_db()
    assert form.name == "WORKDAY" and form.questions[0]["text"] == "Wins?"
    assert other.name == "Lattice"


def test_moving_reorders_the_list_by_post_and_by_htmx(alice_client, user):
    first, second, third = (make_form(user, name) for name in ("A", "B", "C"))

    plain = alice_client.post(reverse("perf:form-move", args=[third.pk, "up"]))
    swapped = alice_client.post(
        reverse("perf:form-move", args=[first.pk, "down"]),
        headers={"HX-Request": "true", "HX-Target": "my-forms"},
    )

    assert plain.status_code == 302
    assert swapped.status_code == 200 and 'id="my-forms"' in swapped.content.decode()
    assert "<html" not in swapped.content.decode()
    assert names(user) == ["C", "A", "B"]


def test_moving_takes_only_post_and_up_or_down(alice_client, user):
    form = make_form(user)

    assert alice_client.get(reverse("perf:form-move", args=[form.pk, "up"])).status_code == 405
    assert alice_client.post(reverse("perf:form-move", args=[form.pk, "left"])).status_code == 404


def test_a_built_in_and_an_own_form_can_be_copied(alice_client, user):
    form = make_form(user, "Workday")

    from_builtin = alice_client.post(reverse("perf:form-copy", args=["promotion"]))
    from_own = alice_client.post(reverse("perf:form-copy", args=[form.pk]))
    again = alice_client.post(reverse("perf:form-copy", args=[form.pk]))

    assert from_builtin.status_code == from_own.status_code == again.status_code == 302
    assert names(user) == [
        "Workday",
        "Promotion packet (copy)",
        "Workday (copy)",
        "Workday (copy 2)",
    ]
    copied = ReviewForm.objects.get(name="Promotion packet (copy)")
    assert from_builtin.url == reverse("perf:form-edit", args=[copied.pk])
    assert len(copied.questions) == 4


def test_copying_the_coo_form_or_by_get_makes_nothing(alice_client):
    assert alice_client.post(reverse("perf:form-copy", args=["coo"])).status_code == 302
    assert alice_client.get(reverse("perf:form-copy", args=["promotion"])).status_code == 405
    assert alice_client.post(reverse("perf:form-copy", args=["nonsense"])).status_code == 404
    assert not ReviewForm.objects.exists()


def test_delete_asks_first_then_deletes(alice_client, user):
    form = make_form(user)
    url = reverse("perf:form-delete", args=[form.pk])

    page = alice_client.get(url)
    assert page.status_code == 200
    assert "Summaries already written for it keep their questions" in page.content.decode()
    assert ReviewForm.objects.filter(pk=form.pk).exists()

    answer = alice_client.post(url)

    assert answer.status_code == 302
    assert not ReviewForm.objects.filter(pk=form.pk).exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [("form-edit", "get"), ("form-edit", "post"), ("form-delete", "get"),
     ("form-delete", "post"), ("form-copy", "post")],
)  # fmt: skip
def test_another_users_form_is_404_and_stays_as_it_is(client, name, method):
    owner, stranger = make_user(), make_user()
    form = make_form(owner)
    client.force_login(stranger)

    answer = getattr(client, method)(
        reverse(f"perf:{name}", args=[form.pk]), {"name": "Mine now", "questions": "Mine?"}
    )

    assert answer.status_code == 404
    assert names(owner) == ["Workday H2"] and names(stranger) == []


def test_another_users_form_cannot_be_moved(client):
    owner, stranger = make_user(), make_user()
    make_form(owner, "A")
    second = make_form(owner, "B")
    client.force_login(stranger)

    assert client.post(reverse("perf:form-move", args=[second.pk, "up"])).status_code == 404
    assert names(owner) == ["A", "B"]


def test_anonymous_visitors_are_sent_to_log_in(client):
    answer = client.get(reverse("perf:form-list"))

    assert answer.status_code == 302 and "login" in answer.url


def test_the_list_takes_the_same_queries_for_n_and_2n_forms(
    alice_client, user, django_assert_num_queries
):
    for number in range(3):
        make_form(user, f"Form {number}")
    # The session, the user, the profile and the forms: 4, whatever their number.
    with django_assert_num_queries(4):
        alice_client.get(reverse("perf:form-list"))
    for number in range(3, 6):
        make_form(user, f"Form {number}")
    with django_assert_num_queries(4):
        alice_client.get(reverse("perf:form-list"))


def test_the_admin_lists_forms_with_their_number_of_questions(client, user):
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    make_form(user, questions=[{"text": "Wins?"}, {"text": "Next?"}])
    client.force_login(admin)

    page = client.get(reverse("admin:perf_reviewform_changelist"))

    assert page.status_code == 200
    assert (
        "Workday H2" in page.content.decode()
        and 'field-question_count">2<' in page.content.decode()
    )


def test_a_russian_user_edits_the_limits_in_russian(client):
    user = make_user(language="ru")
    form = make_form(user, questions=[{"text": "Ваши результаты?", "limit": 1500}])
    client.force_login(user)

    page = client.get(reverse("perf:form-edit", args=[form.pk]))

    assert "Ваши результаты? (не более 1500 символов)" in page.content.decode()
