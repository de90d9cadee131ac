from django.urls import path

from . import views

app_name = "perf"

urlpatterns = [
    path("", views.summary_index, name="summary-index"),
    path("<uuid:pk>/", views.summary_detail, name="summary-detail"),
    path("<uuid:pk>/summary.md", views.summary_download, name="summary-download"),
    path("<uuid:pk>/delete/", views.summary_delete, name="summary-delete"),
]
