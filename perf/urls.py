from django.urls import path

from . import goal_views, views

app_name = "perf"

urlpatterns = [
    path("", views.summary_index, name="summary-index"),
    path("evidence/", views.summary_evidence, name="summary-evidence"),
    path("<uuid:pk>/", views.summary_detail, name="summary-detail"),
    path("<uuid:pk>/summary.md", views.summary_download, name="summary-download"),
    path("<uuid:pk>/delete/", views.summary_delete, name="summary-delete"),
    path("<uuid:pk>/regenerate/", views.summary_regenerate, name="summary-regenerate"),
    path("goals/", goal_views.goal_list, name="goal-list"),
    path("goals/<uuid:pk>/", goal_views.goal_detail, name="goal-detail"),
    path("goals/<uuid:pk>/edit/", goal_views.goal_edit, name="goal-edit"),
]
