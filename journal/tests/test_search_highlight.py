"""Feed's search words are marked in the rows it finds: in the text only, never inside a
tag, an attribute or a link's address; in any case of any alphabet, ё as е, the same
substrings that search matched (journal/search.py's normalize_for_search)."""

import pytest
from django.urls import reverse

from conftest import make_entry, make_user
from journal.markdown import highlight, render_markdown

FEED_URL = reverse("journal:feed")


def marked(text, query):
    return highlight(render_markdown(text), query)


def test_english_words_are_marked_in_any_case():
    assert marked("Fixed the CACHE and the Cache warmer", "cache") == (
        "<p>Fixed the <mark>CACHE</mark> and the <mark>Cache</mark> warmer</p>"
    )


def test_russian_words_are_marked_in_any_case():
    assert marked("Починил УТЕЧКУ памяти, утечка больше не растёт", "Утечк") == (
        "<p>Починил <mark>УТЕЧК</mark>У памяти, <mark>утечк</mark>а больше не растёт</p>"
    )


def test_yo_and_ye_match_each_other_both_ways():
    assert marked("Ёлка, елка и ЁЛКА", "елка") == (
        "<p><mark>Ёлка</mark>, <mark>елка</mark> и <mark>ЁЛКА</mark></p>"
    )
    assert marked("Ещё раз", "ЕЩЕ") == "<p><mark>Ещё</mark> раз</p>"


def test_every_word_of_the_query_is_marked_and_parts_of_words_too():
    assert marked("Migrated billing to Kafka", "kaf BILL") == (
        "<p>Migrated <mark>bill</mark>ing to <mark>Kaf</mark>ka</p>"
    )


def test_words_that_overlap_make_one_mark():
    assert marked("database", "data abase") == "<p><mark>database</mark></p>"


def test_a_letter_that_folds_longer_is_marked_whole():
    assert marked("Die Straße", "strasse") == "<p>Die <mark>Straße</mark></p>"


def test_nothing_inside_a_tag_an_attribute_or_an_address_is_marked():
    text = "[strong words](https://strong.example/strong?a=strong) **strong**"

    html = marked(text, "strong")

    assert 'href="https://strong.example/strong?a=strong"' in html
    assert ">" + "<mark>strong</mark> words</a>" in html
    assert "<strong><mark>strong</mark></strong>" in html
    assert html.count("<mark>") == 2


def test_escaped_characters_are_matched_as_the_user_typed_them():
    html = marked("AT&T <b>wins</b>", "t&t <b")

    assert html == "<p>A<mark>T&amp;T</mark> <mark>&lt;b</mark>&gt;wins&lt;/b&gt;</p>"


def test_markup_in_the_query_is_never_markup_in_the_page():
    html = marked("a <script> tag", '<script> "><img src=x>')

    assert "<script" not in html and "<img" not in html
    assert "<mark>&lt;script&gt;</mark>" in html


def test_an_empty_query_marks_nothing():
    assert marked("Fixed it", "  ") == "<p>Fixed it</p>"


@pytest.mark.django_db
def test_feed_search_marks_the_words_in_the_rows_it_found(client_for):
    user = make_user()
    make_entry(user, text="Нашёл утечку в **воркере** billing")
    make_entry(user, text="Nothing to see")

    page = client_for(user).get(FEED_URL, {"q": "НАШЕЛ Воркер"}).text

    assert "<mark>Нашёл</mark> утечку в <strong><mark>воркер</mark>е</strong> billing" in page
    assert "Nothing to see" not in page


@pytest.mark.django_db
def test_feed_without_a_search_marks_nothing(client_for):
    user = make_user()
    make_entry(user, text="Нашёл утечку")

    page = client_for(user).get(FEED_URL).text

    assert "Нашёл утечку" in page and "<mark>" not in page
