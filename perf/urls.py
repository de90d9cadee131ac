from django.urls import path, re_path

from . import edit_views, goal_views, polish_views, views

app_name = "perf"

urlpatterns = [
    path("", views.summary_index, name="summary-index"),
    path("evidence/", views.summary_evidence, name="summary-evidence"),
    path("<uuid:pk>/", views.summary_detail, name="summary-detail"),
    path("<uuid:pk>/summary.md", views.summary_download, name="summary-download"),
    path("<uuid:pk>/delete/", views.summary_delete, name="summary-delete"),
    path("<uuid:pk>/regenerate/", views.summary_regenerate, name="summary-regenerate"),
    path(
        "<uuid:pk>/narrative/", edit_views.piece_edit, {"part": "narrative"}, name="narrative-edit"
    ),
    path(
        "<uuid:pk>/narrative/unlock/",
        edit_views.piece_unlock,
        {"part": "narrative"},
        name="narrative-unlock",
    ),
    # Before the pieces: "regenerate" would read as a piece's name.
    path(
        "<uuid:pk>/goals/<uuid:review>/regenerate/",
        edit_views.review_regenerate,
        name="review-regenerate",
    ),
    path("<uuid:pk>/goals/<uuid:review>/<slug:part>/", edit_views.piece_edit, name="piece-edit"),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/polish/",
        polish_views.polish_piece,
        name="piece-polish",
    ),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/unlock/",
        edit_views.piece_unlock,
        name="piece-unlock",
    ),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/remove/",
        edit_views.piece_remove,
        name="piece-remove",
    ),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/restore/",
        edit_views.piece_restore,
        name="piece-restore",
    ),
    path("weeks/<str:week>/", views.week, name="week"),
    path("polish/entries/<uuid:pk>/", polish_views.polish_entry, name="polish-entry"),
    re_path(
        r"^export/journal\.(?P<extension>json|md)$", views.journal_export, name="journal-export"
    ),
    path("goals/", goal_views.goal_list, name="goal-list"),
    path("goals/<uuid:pk>/", goal_views.goal_detail, name="goal-detail"),
    path("goals/<uuid:pk>/edit/", goal_views.goal_edit, name="goal-edit"),
]
