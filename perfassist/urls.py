from django.contrib import admin
from django.urls import include, path

from . import api, health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls()),
    path("healthz", health.healthz, name="healthz"),
    path("perf/", include("perf.urls")),
    path("", include("journal.urls")),
]
