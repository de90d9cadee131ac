"""Polishing wording: the rewrite keeps every figure and name, and nothing changes until
the user accepts it. The real anthropic SDK talks to the fake server."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_entry, make_goal, make_user, make_written_summary
from perf.llm import LLMConfig, LLMError, polish
from perf.llm.grounding import names, polish_problems
from perf.llm.schemas import PolishRequest
from perf.models import PerfSummary

from .conftest import point_citing
from .fake_llm import prompt_of, system_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
ORIGINAL = "помог Олегу перевести биллинг на Kafka, задержка с 40 с до 2 с"
OFFLINE = LLMConfig(provider="offline")


def rewrite(text):
    return {"rewrite": text}


def test_names_are_tags_acronyms_inner_capitals_and_latin_words_in_cyrillic_text():
    assert names(ORIGINAL) == ["Олегу", "Kafka"]
    assert names("Paired with Oleg on the SRE runbook #billing") == ["Oleg", "SRE", "#billing"]


@pytest.mark.parametrize(
    ("rewritten", "problems"),
    [
        ("Перевёл биллинг на Kafka вместе с Олегом: задержка с 40 с до 2 с", ""),
        ("Перевёл биллинг на Kafka: задержка упала в 20 раз", "lost 40, 2, Олегу; added 20"),
        (
            "С Олегом перевели биллинг на RabbitMQ, задержка с 40 с до 2 с",
            "lost Kafka; added RabbitMQ",
        ),
    ],
)
def test_a_rewrite_must_keep_figures_and_names(rewritten, problems):
    assert polish_problems(ORIGINAL, rewritten) == problems


def test_the_pronoun_i_is_not_a_name():
    assert polish_problems("After standup I fixed the login bug", "Fixed the login bug") == ""


def test_a_good_rewrite_comes_back_from_the_model(fake_llm, anthropic_config):
    better = "Перевёл биллинг на Kafka вместе с Олегом: задержка с 40 с до 2 с"
    fake_llm.answer(rewrite(better))

    result = polish(PolishRequest(text=ORIGINAL, role="engineer", language="ru"), anthropic_config)

    assert (result.original, result.rewrite, result.is_ai) == (ORIGINAL, better, True)
    body = fake_llm.requests[0]["body"]
    assert "Сохрани все числа" in system_of(body) and "для инженера" in system_of(body)
    assert [m["role"] for m in body["messages"]] == ["user"] and prompt_of(body) == ORIGINAL


def test_a_rewrite_that_changes_a_number_is_repaired_once_then_refused(fake_llm, anthropic_config):
    request = PolishRequest(text="Cut CI time from 20 to 8 minutes", role="engineer", language="en")
    fake_llm.answer(rewrite("Cut CI time by 60%"))
    fake_llm.answer(rewrite("Cut CI time from 20 to 8 minutes by caching wheels"))

    result = polish(request, anthropic_config)

    assert result.rewrite == "Cut CI time from 20 to 8 minutes by caching wheels"
    retry = fake_llm.requests[1]["body"]["messages"][-1]["content"]
    assert "changed the facts (lost 20, 8; added 60, 60%)" in retry

    fake_llm.answer(rewrite("Cut CI time by 60%"))
    fake_llm.answer(rewrite("Made CI 2.5x faster"))
    with pytest.raises(LLMError, match="changed the facts twice"):
        polish(request, anthropic_config)


def test_offline_polish_is_a_light_touch():
    result = polish(
        PolishRequest(
            text="  just   fixed the flaky test in CI, basically ", role="engineer", language="en"
        ),  # fmt: skip
        LLMConfig(provider="offline"),
    )

    assert (result.rewrite, result.is_ai) == ("Fixed the flaky test in CI", False)


def test_polishing_an_entry_shows_before_and_after_and_changes_nothing(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="just cut CI time from 20 to 8 minutes")
    url = reverse("perf:polish-entry", args=[entry.pk])

    response = client_for(user).post(url, {"text": entry.text}, headers=HTMX)

    assert response.status_code == 200
    assert response.text.strip().startswith(
        f'<li class="entry entry--editing" id="entry-{entry.pk}"'
    )
    assert "just cut CI time from 20 to 8 minutes</p>" in response.text  # before
    assert ">Cut CI time from 20 to 8 minutes</textarea>" in response.text  # after
    entry.refresh_from_db()
    assert entry.text == "just cut CI time from 20 to 8 minutes"


def test_accepting_an_edited_rewrite_saves_it(client_for):
    user = make_user(language="en")
    goal = make_goal(user=user, title="Fast CI", slug="ci")
    entry = make_entry(
        user, text="cut CI time from 20 to 8 minutes", date=datetime.date(2026, 3, 3)
    )
    url = reverse("perf:polish-entry", args=[entry.pk])

    response = client_for(user).post(
        url, {"accept": "1", "text": "Cut CI time from 20 to 8 minutes #ci"}, headers=HTMX
    )

    assert response.status_code == 200
    assert f'id="entry-{entry.pk}"' in response.text and "entry--editing" not in response.text
    entry.refresh_from_db()
    assert entry.text == "Cut CI time from 20 to 8 minutes #ci"
    assert list(entry.goals.all()) == [goal]  # saved the usual way: its #tag links it


def test_accepting_is_refused_when_the_entry_changed_since_the_proposal(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="cut CI time from 20 to 8 minutes")
    url = reverse("perf:polish-entry", args=[entry.pk])
    client = client_for(user)
    client.post(url, {"text": entry.text}, headers=HTMX)
    entry.text = "cut CI time from 20 to 6 minutes"  # edited elsewhere meanwhile
    entry.save()

    accepted = {"accept": "1", "text": "Cut CI time from 20 to 8 minutes"}
    response = client.post(url, {**accepted, "base": "cut CI time from 20 to 8 minutes"},
                           headers=HTMX)  # fmt: skip

    assert response.status_code == 422
    assert "The entry changed since this was proposed" in response.text
    entry.refresh_from_db()
    assert entry.text == "cut CI time from 20 to 6 minutes"


def test_accepting_an_empty_text_is_refused(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="Wrote the runbook")

    response = client_for(user).post(
        reverse("perf:polish-entry", args=[entry.pk]), {"accept": "1", "text": "  "}
    )

    assert response.status_code == 422
    assert "Write something: the text cannot be empty." in response.text
    entry.refresh_from_db()
    assert entry.text == "Wrote the runbook"


def test_a_failed_polish_says_why_and_offers_no_accept(client_for, fake_llm, settings, monkeypatch):
    settings.ANTHROPIC_API_KEY = "test-key"
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    fake_llm.answer(rewrite("Saved $1M"))
    fake_llm.answer(rewrite("Saved $1M"))
    user = make_user(language="en")
    entry = make_entry(user, text="Wrote the runbook")

    response = client_for(user).post(
        reverse("perf:polish-entry", args=[entry.pk]), {"text": entry.text}, headers=HTMX
    )

    assert response.status_code == 200
    assert "changed the facts twice (added 1, M)" in response.text
    assert 'name="accept"' not in response.text
    entry.refresh_from_db()
    assert entry.text == "Wrote the runbook"


def test_polishing_a_point_and_accepting_it_locks_it(client_for):
    user = make_user(language="en")
    fact = make_entry(
        user, text="just cut CI time from 20 to 8 minutes", date=datetime.date(2026, 3, 3)
    )
    summary = make_written_summary(user, language="en")
    review = summary.goal_reviews.get()
    point = point_citing(review, fact)
    url = reverse("perf:piece-polish", args=[summary.pk, review.pk, point.key])
    client = client_for(user)

    proposal = client.post(url, headers=HTMX)
    accepted = client.post(url, {"accept": "1", "text": "Cut CI time from 20 to 8 minutes"},
                           headers=HTMX)  # fmt: skip

    assert ">Cut CI time from 20 to 8 minutes</textarea>" in proposal.text
    assert "edited, kept" in accepted.text
    point.refresh_from_db()
    assert (point.text, point.locked) == ("Cut CI time from 20 to 8 minutes", True)


def test_another_users_entry_cannot_be_polished(client_for):
    entry = make_entry(make_user(), text="Mine")
    response = client_for(make_user()).post(
        reverse("perf:polish-entry", args=[entry.pk]), {"accept": "1", "text": "Yours"}
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.text == "Mine"


def written_point(user):
    fact = make_entry(
        user, text="just cut CI time from 20 to 8 minutes", date=datetime.date(2026, 3, 3)
    )
    summary = make_written_summary(user, language="en")
    review = summary.goal_reviews.get()
    point = point_citing(review, fact)
    url = reverse("perf:piece-polish", args=[summary.pk, review.pk, point.key])
    return summary, point, url


def test_an_accepted_rewrite_of_a_point_keeps_to_a_points_length(client_for):
    user = make_user(language="en")
    summary, point, url = written_point(user)
    before = (point.text, point.locked)

    response = client_for(user).post(url, {"accept": "1", "text": "x" * 3000}, headers=HTMX)

    assert response.status_code == 422
    assert "at most 2000 characters" in response.text
    point.refresh_from_db()
    assert (point.text, point.locked) == before


def test_accepting_while_the_summary_is_rewritten_hands_the_text_back_translated(client_for):
    user = make_user(language="ru")
    summary, point, url = written_point(user)
    PerfSummary.objects.filter(pk=summary.pk).update(status="running")

    response = client_for(user).post(
        url, {"accept": "1", "text": "Сократил время CI с 20 до 8 минут"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "Сократил время CI с 20 до 8 минут</textarea>" in response.text  # kept
    assert "Это саммари сейчас пишется заново" in response.text  # BUSY, in Russian
    point.refresh_from_db()
    assert not point.locked and point.text != "Сократил время CI с 20 до 8 минут"


@pytest.mark.parametrize(
    ("text", "polished"),
    [
        ("15 pull requests this week , really", "15 pull requests this week, really"),
        ("Закрыл 15 задач , правда ; и всё !", "Закрыл 15 задач, правда; и всё!"),
        ("Done .  Really ?", "Done. Really?"),
        ("Wait ... it works", "Wait... it works"),
    ],
)
def test_offline_polish_closes_up_a_space_before_punctuation(text, polished):
    result = polish(PolishRequest(text=text, role="engineer", language="en"), OFFLINE)

    assert result.rewrite == polished


@pytest.mark.parametrize(
    "text",
    [
        "Latency 1 .5 s over 3 : 2 replicas",  # a spaced mark between figures is theirs
        "Fixed `a , b ; c` in the parser",  # code stays as written
        "See https://example.com/just/a?b=1 :) and .env",  # links, ".env", a smiley
    ],
)
def test_offline_polish_leaves_figures_code_and_links_as_written(text):
    result = polish(PolishRequest(text=text, role="engineer", language="en"), OFFLINE)

    assert result.rewrite == text


def test_polishing_a_tidy_entry_says_nothing_to_change_and_offers_no_accept(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="Cut CI time from 20 to 8 minutes")
    url = reverse("perf:polish-entry", args=[entry.pk])

    response = client_for(user).post(url, {"text": entry.text}, headers=HTMX)

    assert response.status_code == 200
    assert "Nothing to change: no extra spaces" in response.text
    assert 'name="accept"' not in response.text and "<textarea" not in response.text
    assert ">Back</a>" in response.text


def test_polishing_an_untidy_entry_proposes_the_closed_up_text(client_for):
    user = make_user(language="en")
    entry = make_entry(user, text="15 pull requests this week , really")

    response = client_for(user).post(
        reverse("perf:polish-entry", args=[entry.pk]), {"text": entry.text}, headers=HTMX
    )

    assert ">15 pull requests this week, really</textarea>" in response.text
    assert "Nothing to change" not in response.text
