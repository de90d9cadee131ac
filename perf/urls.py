from django.urls import path, re_path

from .views import export, goals, importing, llm, pieces, polish, review_forms, summaries, weeks

app_name = "perf"

urlpatterns = [
    path("", summaries.summary_index, name="summary-index"),
    path("evidence/", summaries.summary_evidence, name="summary-evidence"),
    path("<uuid:pk>/", summaries.summary_detail, name="summary-detail"),
    path("<uuid:pk>/summary.md", summaries.summary_download, name="summary-download"),
    path("<uuid:pk>/delete/", summaries.summary_delete, name="summary-delete"),
    path("<uuid:pk>/regenerate/", summaries.summary_regenerate, name="summary-regenerate"),
    path("<uuid:pk>/narrative/", pieces.piece_edit, {"part": "narrative"}, name="narrative-edit"),
    path(
        "<uuid:pk>/narrative/unlock/",
        pieces.piece_unlock,
        {"part": "narrative"},
        name="narrative-unlock",
    ),
    # Before the pieces: "regenerate" would read as a piece's name.
    path(
        "<uuid:pk>/goals/<uuid:review>/regenerate/",
        pieces.review_regenerate,
        name="review-regenerate",
    ),
    path("<uuid:pk>/goals/<uuid:review>/<slug:part>/", pieces.piece_edit, name="piece-edit"),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/polish/",
        polish.polish_piece,
        name="piece-polish",
    ),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/unlock/",
        pieces.piece_unlock,
        name="piece-unlock",
    ),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/remove/",
        pieces.piece_remove,
        name="piece-remove",
    ),
    path(
        "<uuid:pk>/goals/<uuid:review>/<slug:part>/restore/",
        pieces.piece_restore,
        name="piece-restore",
    ),
    path("weeks/<str:week>/", weeks.week, name="week"),
    path("polish/entries/<uuid:pk>/", polish.polish_entry, name="polish-entry"),
    re_path(
        r"^export/journal\.(?P<extension>json|md)$", export.journal_export, name="journal-export"
    ),
    path("import/", importing.journal_import, name="journal-import"),
    path("import/<uuid:pk>/", importing.journal_import_run, name="journal-import-run"),
    path("goals/", goals.goal_list, name="goal-list"),
    path("goals/<uuid:pk>/", goals.goal_detail, name="goal-detail"),
    path("goals/<uuid:pk>/edit/", goals.goal_edit, name="goal-edit"),
    path("goals/<uuid:pk>/archive/", goals.goal_archive, name="goal-archive"),
    path("goals/<uuid:pk>/unarchive/", goals.goal_unarchive, name="goal-unarchive"),
    path("goals/<uuid:pk>/delete/", goals.goal_delete, name="goal-delete"),
    path("llm/", llm.llm_settings, name="llm-settings"),
    path("llm/test/", llm.llm_test, name="llm-test"),
    path("llm/tests/<uuid:pk>/", llm.llm_check, name="llm-check"),
    path("forms/", review_forms.form_list, name="form-list"),
    path("forms/new/", review_forms.form_new, name="form-new"),
    path("forms/preview/", review_forms.form_preview, name="form-preview"),
    path("forms/<uuid:pk>/edit/", review_forms.form_edit, name="form-edit"),
    path("forms/<uuid:pk>/delete/", review_forms.form_delete, name="form-delete"),
    path(
        "forms/<uuid:pk>/move/<str:direction>/",
        review_forms.form_move,
        name="form-move",
    ),
    # A built-in's key ("self-review") or one of the user's forms' id.
    path("forms/<str:key>/copy/", review_forms.form_copy, name="form-copy"),
]
