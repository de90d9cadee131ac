"""Entry templates: the built-in ones in both languages, the user's own in Settings, and
Today's box filled from one without JavaScript."""

import datetime
import html

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from conftest import make_user
from journal.entry_templates import Template, built_in_templates
from journal.models import Entry, EntryTemplate

pytestmark = pytest.mark.django_db

TODAY_URL = reverse("journal:today")
PROFILE_URL = reverse("journal:profile")
CREATE_URL = reverse("journal:template-create")
SECTION_URL = PROFILE_URL + "#entry-templates"
DAY = datetime.date(2026, 11, 24)


def make_template(user, *, name="Retro", text="Went well: \nTo change: ", type="any", **fields):
    return EntryTemplate.objects.create(user=user, name=name, text=text, type=type, **fields)


def template_form(**fields):
    return {"name": "Retro", "type": "fact", "text": "Went well: \nTo change: ", "position": 1,
            **fields}  # fmt: skip


def box(response, entry_type):
    """The text a Today box was rendered with."""
    page = response.text
    start = page.index(">", page.index(f'id="{entry_type}-text"')) + 1
    return html.unescape(page[start : page.index("</textarea>", start)])


# Built in


def test_the_built_in_templates_are_offered_in_english(client_for):
    response = client_for(make_user(language="en")).get(TODAY_URL, {"date": "2026-11-24"})

    facts = [t.name for t in response.context["fact_templates"]]
    plans = [t.name for t in response.context["plan_templates"]]
    assert facts == ["Shipped", "Incident", "Helped", "Learned"]
    assert plans == ["Done when"]
    assert 'data-template-text="Shipped: \nWhy: \nMeasured result: "' in response.text
    assert 'data-template-text="Incident: \nMy part: \nResult: "' in response.text
    assert 'data-template-text="Helped: \nWith: "' in response.text


def test_the_built_in_templates_follow_the_russian_ui(client_for):
    response = client_for(make_user(language="ru")).get(TODAY_URL, {"date": "2026-11-24"})

    facts = {t.key: t for t in response.context["fact_templates"]}
    assert facts["shipped"].name == "Сделано"
    assert facts["shipped"].text == "Сделано: \nЗачем: \nИзмеренный результат: "
    assert facts["incident"].text == "Инцидент: \nМоя роль: \nИтог: "
    assert 'data-template-text="Сделано: \nЗачем: \nИзмеренный результат: "' in response.text
    assert "Shipped" not in response.text


def test_the_built_in_templates_are_strings_not_rows():
    with translation.override("en"):
        english = [t.text for t in built_in_templates()]

    assert EntryTemplate.objects.count() == 0
    assert all(t.built_in for t in built_in_templates())
    assert english[0] == "Shipped: \nWhy: \nMeasured result: "


@pytest.mark.parametrize(
    ("text", "cursor"),
    [
        ("Shipped: \nWhy: ", len("Shipped: ")),
        ("Context\nIncident:\nMy part: ", len("Context\nIncident:")),
        ("No blank here", len("No blank here")),
        ("🚀 Shipped: \nWhy: ", len("🚀 Shipped: ") + 1),  # the emoji is two UTF-16 units
    ],
)
def test_the_cursor_goes_to_the_end_of_the_first_line_ending_in_a_colon(text, cursor):
    assert Template(key="k", name="n", text=text, type="any").cursor == cursor


# Today without JavaScript


def test_a_template_link_fills_its_box_and_writes_nothing(client_for):
    client = client_for(make_user())

    response = client.get(TODAY_URL, {"date": "2026-11-24", "template": "shipped"})

    assert response.status_code == 200
    assert box(response, "fact") == "Shipped: \nWhy: \nMeasured result: "
    assert box(response, "plan") == ""
    assert 'autofocus data-template-cursor="9"' in response.text
    assert response.context["day"] == DAY
    assert Entry.objects.count() == 0


def test_each_choice_links_to_the_page_that_fills_its_box(client_for):
    user = make_user()
    own = make_template(user)

    response = client_for(user).get(TODAY_URL, {"date": "2026-11-24"})

    assert "/today/?date=2026-11-24&amp;template=shipped&amp;type=fact#fact-text" in response.text
    assert f"/today/?date=2026-11-24&amp;template={own.pk}&amp;type=plan#plan-text" in response.text


def test_a_template_for_both_fills_the_box_the_link_names(client_for):
    user = make_user()
    own = make_template(user, text="Retro: ")

    response = client_for(user).get(TODAY_URL, {"template": str(own.pk), "type": "plan"})

    assert box(response, "plan") == "Retro: "
    assert box(response, "fact") == ""


def test_a_template_for_facts_fills_the_fact_box_whatever_the_link_says(client_for):
    response = client_for(make_user()).get(TODAY_URL, {"template": "helped", "type": "plan"})

    assert box(response, "fact") == "Helped: \nWith: "
    assert box(response, "plan") == ""


def test_another_users_template_is_a_404_that_shows_nothing_of_it(client_for):
    stranger = make_template(make_user(), text="Secret shape: ")

    response = client_for(make_user()).get(TODAY_URL, {"template": str(stranger.pk)})

    assert response.status_code == 404
    assert "That template does not exist or is not yours." in response.text
    assert "Secret shape" not in response.text


@pytest.mark.parametrize("key", ["nonsense", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_template_is_a_404(client_for, key):
    response = client_for(make_user()).get(TODAY_URL, {"template": key})

    assert response.status_code == 404
    assert box(response, "fact") == ""


def test_the_filled_box_saves_as_an_entry_with_that_text(client_for):
    user = make_user()
    client = client_for(user)
    text = box(client.get(TODAY_URL, {"template": "shipped"}), "fact")

    filled = text.replace("Shipped: ", "Shipped: search v2", 1)
    response = client.post(
        reverse("journal:entry-create"), {"date": "2026-11-24", "type": "fact", "text": filled}
    )

    assert response.status_code == 302
    assert Entry.objects.get(user=user).text == filled.strip()


def test_a_templates_text_and_name_stay_inert_in_the_page(client_for):
    user = make_user()
    make_template(user, name="<b>Bold</b>", text='Quote: "><script>alert(1)</script>')

    response = client_for(user).get(TODAY_URL)

    assert "<script>alert(1)" not in response.text
    assert "<b>Bold" not in response.text
    assert 'data-template-text="Quote: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in (
        response.text
    )


def test_own_templates_come_after_the_built_in_ones_in_their_order(client_for):
    user = make_user()
    make_template(user, name="Second", position=2)
    make_template(user, name="First", position=1)
    make_template(user, name="Plans only", type="plan", position=0)

    response = client_for(user).get(TODAY_URL)

    facts = [t.name for t in response.context["fact_templates"]]
    plans = [t.name for t in response.context["plan_templates"]]
    assert facts[4:] == ["First", "Second"]
    assert plans == ["Done when", "Plans only", "First", "Second"]


# Settings


def test_settings_lists_the_built_in_and_own_templates(client_for):
    user = make_user()
    make_template(user, name="Retro")

    response = client_for(user).get(PROFILE_URL)

    assert 'id="entry-templates"' in response.text
    assert "Retro" in response.text and "Shipped" in response.text
    assert 'action="/accounts/templates/#entry-templates"' in response.text  # errors in view


def test_adding_a_template_offers_it_on_today(client_for):
    user = make_user()
    client = client_for(user)

    response = client.post(CREATE_URL, template_form(text="Went well: \r\nTo change: "))

    assert response.status_code == 302
    assert response["Location"] == SECTION_URL
    template = EntryTemplate.objects.get(user=user)
    assert (template.name, template.type, template.position) == ("Retro", "fact", 1)
    assert template.text == "Went well: \nTo change:"  # a text area's line ends, stripped
    assert "The template “Retro” is added: Today offers it." in client.get(PROFILE_URL).text
    today = client.get(TODAY_URL)
    assert [t.name for t in today.context["fact_templates"]][-1] == "Retro"


def test_a_new_template_comes_last_in_the_order_by_default(client_for):
    user = make_user()
    make_template(user, position=7)

    response = client_for(user).get(PROFILE_URL)

    assert response.context["template_form"].initial["position"] == 8


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": ""}, "Give the template a name, to pick it by on Today."),
        ({"name": "\u200b "}, "Write something: the text has no visible character."),
        ({"text": ""}, "Write the template&#x27;s text: it cannot be empty."),
        (
            {"text": "x" * 10_001},
            "A template can be at most 10000 characters long (it has 10001), as an entry can.",
        ),
        (
            {"name": "n" * 61},
            "A template&#x27;s name can be at most 60 characters long (it has 61).",
        ),
        ({"type": "note"}, "Offer it for plans, for facts, or for both."),
        ({"position": "first"}, "The order is a whole number, such as 1."),
        ({"name": "shipped"}, "“shipped” is a built-in template already: choose another name."),
    ],
)
def test_a_bad_template_is_refused_with_a_sentence_and_nothing_saved(client_for, fields, error):
    response = client_for(make_user()).post(CREATE_URL, template_form(**fields))

    assert response.status_code == 422
    assert error in response.text
    assert EntryTemplate.objects.count() == 0


def test_a_name_is_unique_per_user_in_any_case(client_for):
    user = make_user()
    make_template(user, name="Ретро")
    make_template(make_user(), name="Планёрка")  # another user's name is free

    refused = client_for(user).post(CREATE_URL, template_form(name="РЕТРО"))
    accepted = client_for(user).post(CREATE_URL, template_form(name="Планёрка"))

    assert refused.status_code == 422
    assert "You already have a template named “РЕТРО”: choose another name." in refused.text
    assert accepted.status_code == 302
    assert sorted(user.entry_templates.values_list("name", flat=True)) == ["Планёрка", "Ретро"]


def test_a_user_keeps_at_most_twenty_templates(client_for):
    user = make_user()
    for number in range(EntryTemplate.MAX_PER_USER):
        make_template(user, name=f"T{number}")
    client = client_for(user)

    response = client.post(CREATE_URL, template_form(name="One more"))

    assert EntryTemplate.MAX_PER_USER == 20
    assert response.status_code == 422
    message = "You have 20 templates, the most you can keep: delete one to add another."
    assert message in response.text
    assert user.entry_templates.count() == 20
    settings_page = client.get(PROFILE_URL).text
    assert message in settings_page
    assert 'action="/accounts/templates/#entry-templates"' not in settings_page


def test_editing_a_template_changes_it(client_for):
    user = make_user()
    template = make_template(user)
    url = reverse("journal:template-edit", args=[template.pk])
    client = client_for(user)

    page = client.get(url)
    response = client.post(url, template_form(text="Kept: \nDropped: ", type="plan"))

    assert page.status_code == 200 and "Retro" in page.text
    assert response.status_code == 302
    assert response["Location"] == SECTION_URL
    template.refresh_from_db()
    assert (template.name, template.text, template.type) == ("Retro", "Kept: \nDropped:", "plan")


def test_a_bad_edit_changes_nothing(client_for):
    user = make_user()
    template = make_template(user)
    make_template(user, name="Other")
    url = reverse("journal:template-edit", args=[template.pk])

    response = client_for(user).post(url, template_form(name="other", text="Changed: "))

    assert response.status_code == 422
    assert "You already have a template named “other”: choose another name." in response.text
    assert "Edit the template “Retro”" in response.text
    template.refresh_from_db()
    assert (template.name, template.text) == ("Retro", "Went well: \nTo change: ")


def test_deleting_a_template_takes_it_off_today(client_for):
    user = make_user()
    template = make_template(user)
    client = client_for(user)

    response = client.post(reverse("journal:template-delete", args=[template.pk]))

    assert response.status_code == 302
    assert not EntryTemplate.objects.exists()
    assert "Retro" not in [t.name for t in client.get(TODAY_URL).context["fact_templates"]]


def test_deleting_takes_a_post(client_for):
    user = make_user()
    template = make_template(user)

    response = client_for(user).get(reverse("journal:template-delete", args=[template.pk]))

    assert response.status_code == 405
    assert EntryTemplate.objects.exists()


@pytest.mark.parametrize("view", ["journal:template-edit", "journal:template-delete"])
def test_another_users_template_is_a_404_in_settings(client_for, view):
    template = make_template(make_user())
    client = client_for(make_user())
    url = reverse(view, args=[template.pk])

    assert client.get(url).status_code == (404 if view == "journal:template-edit" else 405)
    assert client.post(url, template_form(name="Mine now")).status_code == 404
    template.refresh_from_db()
    assert template.name == "Retro"


def test_anonymous_visitors_are_asked_to_log_in(client):
    make_user()

    response = client.post(CREATE_URL, template_form())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("journal:login"))
    assert not EntryTemplate.objects.exists()


def test_the_admin_lists_entry_templates(admin_client):
    make_template(make_user(), name="Retro")

    response = admin_client.get(reverse("admin:journal_entrytemplate_changelist"))

    assert response.status_code == 200
    assert "Retro" in response.text


def test_the_database_holds_a_name_unique_in_any_case_too():
    # Two edits at once can both pass the form's check; the constraint still refuses.
    user = make_user()
    make_template(user, name="Retro")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_template(user, name="RETRO")
    make_template(make_user(), name="retro")  # another user's own name is theirs
    assert EntryTemplate.objects.count() == 2
