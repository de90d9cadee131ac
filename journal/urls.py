from django.contrib.auth import views as auth_views
from django.urls import path

from .views import account, entries, entry_templates, feed, today, webapp, year

app_name = "journal"

urlpatterns = [
    path("", today.home, name="home"),
    path("today/", today.today, name="today"),
    path("feed/", feed.feed, name="feed"),
    path("feed/year/", year.year, name="feed-year"),
    path("manifest.webmanifest", webapp.manifest, name="manifest"),
    path("favicon.ico", webapp.favicon, name="favicon"),
    path("entries/new/", entries.entry_create, name="entry-create"),
    path("entries/undo/", entries.entry_undo, name="entry-undo"),
    path("entries/<uuid:pk>/", entries.entry_row, name="entry-row"),
    path("entries/<uuid:pk>/edit/", entries.entry_edit, name="entry-edit"),
    path("entries/<uuid:pk>/delete/", entries.entry_delete, name="entry-delete"),
    path("accounts/login/", account.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/setup/", account.setup, name="setup"),
    path("accounts/profile/", account.profile, name="profile"),
    path("accounts/tokens/", account.api_token_create, name="api-token-create"),
    path("accounts/tokens/<uuid:pk>/revoke/", account.api_token_revoke, name="api-token-revoke"),
    path("accounts/password/", account.PasswordChangeView.as_view(), name="password-change"),
    path("accounts/templates/", entry_templates.entry_template_create, name="template-create"),
    path(
        "accounts/templates/<uuid:pk>/", entry_templates.entry_template_edit, name="template-edit"
    ),
    path(
        "accounts/templates/<uuid:pk>/delete/",
        entry_templates.entry_template_delete,
        name="template-delete",
    ),
]
