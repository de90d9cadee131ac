from django.contrib import admin
from django.urls import include, path

from . import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls()),
    path("perf/", include("perf.urls")),
    path("reminders/", include("reminders.urls")),
    path("", include("journal.urls")),
]
