"""The admin in Russian: every heading, label and column it draws itself is Russian, ours
and the third-party apps' alike (django-tasks-db, axes), as are Django 6.1's new strings."""

import html
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from conftest import make_entry, make_goal, make_point, make_review, make_summary, make_user

pytestmark = pytest.mark.django_db

# Latin words a Russian label may keep: names and technical terms, not English prose.
# Names Russian writes in Latin letters too.
KEPT = {
    "ID",
    "API",
    "HTTP",
    "Accept",
    "User-Agent",
    "sha256",
    "Django",
    "English",
    "IP",
    "URL",
    "JSON",
    "LLM",
}

# What the admin showed in English before (issue 15), wherever it appears on a page.
ENGLISH = [
    "Filter by",
    "Task Result",
    "Tasks Database Backend",
    "Axes",
    "Select an option",
    "to change",
    "Profile  role",
    "Locked Out",
    "Prompt version",
    "Ungrounded count",
]

# Text the admin itself writes (not the rows' data): column headings, field labels,
# filter titles, the app list, the page heading.
LABELS = [
    r"(?s)<thead>(.*?)</thead>",
    r"(?s)<label[^>]*>(.*?)</label>",
    r"(?s)<details data-filter-title[^>]*>\s*<summary>(.*?)</summary>",
    r'(?s)<span id="date-hierarchy-label">(.*?)</span>',
    r"(?s)<caption>(.*?)</caption>",
    r'(?s)<th scope="row"[^>]*>(.*?)</th>',
    r"(?s)<h1>(.*?)</h1>",
]


def labels(body):
    for pattern in LABELS:
        for part in re.findall(pattern, body):
            text = html.unescape(re.sub(r"(?s)<[^>]+>", " ", part))
            yield " ".join(text.split())


def english_words(label):
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9-]+", label) if w not in KEPT]


@pytest.fixture
def russian_admin(client):
    root = get_user_model().objects.create_superuser("root", "", "admin passphrase 1")
    root.profile.language = "ru"
    root.profile.save()
    client.force_login(root)  # axes logs it, so its access log has a row to open too
    return client, root


def admin_pages(root):
    user = make_user()
    entry = make_entry(user, text="Shipped the thing")
    make_goal(user)
    summary = make_summary(user)
    make_point(make_review(summary), entry)
    request = RequestFactory().get("/admin/")
    request.user = root
    yield reverse("admin:index")
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(request):
            yield reverse("admin:{}_{}_add".format(*info))
        if obj := model._default_manager.first():
            yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])


def test_admin_pages_have_no_english_label_in_russian(russian_admin):
    client, root = russian_admin
    untranslated = {}
    for url in admin_pages(root):
        response = client.get(url)
        assert response.status_code == 200, url
        for label in labels(response.content.decode()):
            if english_words(label):
                untranslated.setdefault(label, url)

    assert untranslated == {}


def test_admin_pages_have_none_of_the_english_from_the_issue(russian_admin):
    client, root = russian_admin
    found = []
    for url in admin_pages(root):
        # Permission names are rows Django wrote in English at migrate time, not labels.
        body = re.sub(r"(?s)<option[^>]*>.*?</option>", "", client.get(url).content.decode())
        found += [(url, word) for word in ENGLISH if word in body]

    assert found == []


def test_the_entry_list_filters_and_columns_read_russian(russian_admin):
    client, _ = russian_admin
    make_entry(make_user())

    body = client.get(reverse("admin:journal_entry_changelist")).content.decode()

    assert "Фильтр по дата" in body or "Фильтр по дате" in body
    assert "Пользователь" in body or "пользователь" in body
    assert "Filter by" not in body


def test_the_task_results_read_russian_on_the_index(russian_admin):
    client, _ = russian_admin

    body = client.get(reverse("admin:index")).content.decode()

    assert "Фоновые задачи" in body
    assert "Результаты задач" in body
    assert "Task Results" not in body
