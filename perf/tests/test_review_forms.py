"""Review forms as text and as a catalogue: the pasted questions, the built-ins per
language and role, and which forms a user can pick."""

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user
from perf.form_model import ReviewForm
from perf.review_forms import (
    builtin_forms,
    copy_form,
    create_form,
    find_form,
    forms_for,
    move_form,
    parse_pasted,
    questions_as_text,
)


@pytest.mark.parametrize(
    ("line", "text", "limit"),
    [
        ("What were your accomplishments? (max 1500)", "What were your accomplishments?", 1500),
        ("What did you ship? (max. 1,500 characters)", "What did you ship?", 1500),
        ("Where did you show ownership? (1500 chars max)", "Where did you show ownership?", 1500),
        ("What is next? (up to 1 500 characters)", "What is next?", 1500),
        ("What is next? [maximum 2000 characters]", "What is next?", 2000),
        ("What is next? (2k characters)", "What is next?", 2000),
        ("What is next — max 800 characters", "What is next", 800),
        ("Ваши главные результаты? (не более 1500 символов)", "Ваши главные результаты?", 1500),
        ("Чему вы научились? (до 1500 знаков)", "Чему вы научились?", 1500),
        ("Чему вы научились? (до 1 000 знаков с пробелами)", "Чему вы научились?", 1000),
        ("Что дальше? (макс. 1500)", "Что дальше?", 1500),
        ("What (max 700) did you lead?", "What did you lead?", 700),
    ],
)
def test_it_recognises_a_limit_written_in_the_line_and_takes_it_out(line, text, limit):
    assert parse_pasted(line) == [{"text": text, "guidance": "", "limit": limit}]


@pytest.mark.parametrize(
    "line",
    [
        "What did you do in 2026?",
        "What did you do in Q3 (2026)?",
        "Rate yourself (1-5)",
        "Rate yourself (max 5)",
        "Give examples (up to 3)",
    ],
)
def test_a_number_alone_in_brackets_is_no_limit(line):
    assert parse_pasted(line) == [{"text": line, "guidance": "", "limit": None}]


def test_list_markers_and_blank_lines_go():
    pasted = "1. First?\n\n2) Second?\n- Third?\n* Fourth?\n• Fifth?\n   \n"

    assert [question["text"] for question in parse_pasted(pasted)] == [
        "First?",
        "Second?",
        "Third?",
        "Fourth?",
        "Fifth?",
    ]


def test_indented_and_quoted_lines_are_guidance_for_the_question_above():
    pasted = (
        "Accomplishments? (max 1500)\n"
        "    Name two or three.\n"
        "\tWith figures.\n"
        "> Link the tickets.\n"
        "Next half?\n"
        "  (max 500)\n"
    )

    assert parse_pasted(pasted) == [
        {
            "text": "Accomplishments?",
            "guidance": "Name two or three.\nWith figures.\nLink the tickets.",
            "limit": 1500,
        },
        # A guidance line that only states a limit is the question's limit.
        {"text": "Next half?", "guidance": "", "limit": 500},
    ]


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("", "A form needs at least one question."),
        ("\n   \n", "A form needs at least one question."),
        ("Too short? (max 50 characters)", "The limit of question 1 must be between 100 and 20000"),
        ("Fine?\nToo long? (max 50000 characters)", "The limit of question 2 must be between"),
        ("\n".join(f"Question {n}?" for n in range(31)), "at most 30 questions"),
        ("x" * 1001, "Question 1 is over 1000 characters: shorten it."),
        ("Short?\n  " + "g" * 2001, "The guidance of question 1 is over 2000 characters"),
    ],
)
def test_it_refuses_what_is_not_a_form_with_a_sentence(pasted, message):
    with pytest.raises(ValidationError) as error:
        parse_pasted(pasted)

    assert message in " ".join(error.value.messages)


def test_the_questions_as_text_read_back_as_they_are():
    questions = [
        {"text": "Accomplishments?", "guidance": "Two or three.\nWith figures.", "limit": 1500},
        {"text": "Где вы проявили инициативу?", "guidance": "", "limit": None},
        {"text": "Next period?", "guidance": "Goals and support.", "limit": 20000},
    ]

    questions[1]["limit"] = 800
    text = questions_as_text(questions)

    # Each limit in its question's language, whatever the page's.
    assert text.splitlines()[0] == "Accomplishments? (max 1500)"
    assert "Где вы проявили инициативу? (не более 800 символов)" in text.splitlines()
    assert parse_pasted(text) == questions


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("role", ["engineer", "manager"])
def test_the_built_ins_come_first_in_each_language_and_role(db, language, role):
    choices = forms_for(make_user(), language, role)

    assert [choice.key for choice in choices] == ["coo", "self-review", "promotion"]
    assert all(choice.builtin and choice.form is None for choice in choices)
    coo, self_review, promotion = choices
    assert coo.questions == []
    assert len(self_review.questions) == 5 and len(promotion.questions) == 4
    for question in self_review.questions + promotion.questions:
        assert question["text"] and question["guidance"] and 1000 <= question["limit"] <= 2000
    # Kept as a ReviewForm's questions are.
    assert parse_pasted(questions_as_text(promotion.questions)) == promotion.questions


def test_the_built_ins_speak_the_language_and_the_role():
    english, russian = builtin_forms("en", "engineer"), builtin_forms("ru", "engineer")
    manager = builtin_forms("en", "manager")

    assert english[0].name == "Context / Outputs / Outcomes per goal"
    assert russian[0].name == "Контекст / результаты работы / эффект по целям"
    assert russian[2].name == "Пакет на повышение"
    assert russian[2].questions[0]["text"].startswith("Техническая глубина")
    assert english[2].questions[3]["text"].startswith("Leadership")
    assert [question["text"].split(":")[0] for question in manager[2].questions] == [
        "People leadership",
        "Team delivery",
        "Organisational impact",
        "Hiring and team building",
    ]
    assert "team" in manager[1].questions[0]["text"]
    assert "team" not in english[1].questions[0]["text"]


def test_an_unknown_language_or_role_gets_the_english_engineer_forms():
    assert builtin_forms("de", "") == builtin_forms("en", "engineer")
    assert builtin_forms("ru-ru", None)[1] == builtin_forms("ru", "engineer")[1]


@pytest.mark.django_db
def test_the_users_forms_follow_the_built_ins_in_their_order():
    user = make_user()
    first = create_form(user, "Workday H2", [{"text": "Wins?", "limit": 1500}])
    second = create_form(user, "Lattice", [{"text": "Growth?"}])
    create_form(make_user(), "Someone else's", [{"text": "Theirs?"}])

    move_form(second, -1)

    keys = [choice.key for choice in forms_for(user, "en", "engineer")]
    assert keys == ["coo", "self-review", "promotion", str(second.pk), str(first.pk)]


@pytest.mark.django_db
def test_find_form_gives_a_built_in_or_the_users_own_and_nothing_else():
    user, stranger = make_user(), make_user()
    own = create_form(user, "Mine", [{"text": "Wins?"}])
    theirs = create_form(stranger, "Theirs", [{"text": "Wins?"}])

    assert find_form(user, str(own.pk), "en", "engineer").form == own
    assert find_form(user, str(theirs.pk), "en", "engineer") is None
    assert find_form(user, "promotion", "ru", "manager").name == "Пакет на повышение"
    assert find_form(user, "", "en", "engineer").key == "coo"
    assert find_form(user, "not-a-form", "en", "engineer") is None


@pytest.mark.django_db
def test_a_copy_gets_the_first_free_name():
    user = make_user()
    built_in = find_form(user, "self-review", "en", "engineer")

    names = [copy_form(user, built_in).name for _ in range(3)]

    assert names == ["Self-review (copy)", "Self-review (copy 2)", "Self-review (copy 3)"]
    assert ReviewForm.objects.get(name="Self-review (copy)").questions == built_in.questions


@pytest.mark.django_db
def test_moving_past_either_end_changes_nothing():
    user = make_user()
    first = create_form(user, "A", [{"text": "A?"}])
    second = create_form(user, "B", [{"text": "B?"}])

    move_form(first, -1)
    move_form(second, 1)

    assert list(ReviewForm.objects.filter(user=user)) == [first, second]
