from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .connection_checks import ConnectionCheck
from .form_model import ReviewForm
from .models import (
    Citation,
    Goal,
    GoalReview,
    ImportRun,
    PartialWeekSummary,
    PerfSummary,
    ReviewPoint,
    WeekSummary,
)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "user", "created_at"]
    list_filter = ["status", "user"]
    search_fields = ["title", "slug", "description", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["entries"]


class GoalReviewInline(admin.StackedInline):
    model = GoalReview
    extra = 0
    raw_id_fields = ["goal", "context_entries"]
    show_change_link = True  # its points are edited on the goal review's own page


class ReviewPointInline(admin.StackedInline):
    model = ReviewPoint
    extra = 0
    fields = ["section", "position", "text", "locked", "removed", "unsupported", "cited_count"]
    show_change_link = True  # its citations are edited on the point's own page


@admin.register(GoalReview)
class GoalReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "summary", "position"]
    search_fields = ["title", "context", "summary__user__username"]
    list_select_related = ["summary"]
    raw_id_fields = ["summary", "goal", "context_entries"]
    inlines = [ReviewPointInline]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    raw_id_fields = ["entry"]


@admin.register(ReviewPoint)
class ReviewPointAdmin(admin.ModelAdmin):
    list_display = ["text", "section", "locked", "removed", "review"]
    list_filter = ["section", "locked", "removed"]
    search_fields = ["text", "review__title"]
    list_select_related = ["review"]
    raw_id_fields = ["review"]
    inlines = [CitationInline]


@admin.register(PerfSummary)
class PerfSummaryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "status", "provider", "model", "created_at"]
    list_filter = ["status", "provider", "role", "language"]
    search_fields = ["user__username", "summary_text"]
    list_select_related = ["user"]
    inlines = [GoalReviewInline]
    readonly_fields = [
        "provider", "model", "prompt_version", "input_tokens", "output_tokens",
        "ungrounded_count", "sent_entry_ids", "excluded_entry_ids", "started_at", "finished_at",
    ]  # fmt: skip


@admin.register(ReviewForm)
class ReviewFormAdmin(admin.ModelAdmin):
    """Users' own review forms; the built-ins live in perf/review_forms_builtin.py."""

    list_display = ["name", "user", "question_count", "position", "updated_at"]
    search_fields = ["name", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    @admin.display(description=_("questions"))
    def question_count(self, form):
        return len(form.questions or [])


@admin.register(WeekSummary)
class WeekSummaryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "status", "stale", "provider", "finished_at"]
    list_filter = ["status", "stale", "provider"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    readonly_fields = [
        "fingerprint", "provider", "model", "prompt_version", "input_tokens", "output_tokens",
        "ungrounded_count", "started_at", "finished_at",
    ]  # fmt: skip


@admin.register(PartialWeekSummary)
class PartialWeekSummaryAdmin(admin.ModelAdmin):
    """Weeks cut by a period's ends, as the weekly route keeps them for the next summary."""

    list_display = ["__str__", "user", "language", "role", "provider", "updated_at"]
    list_filter = ["language", "provider"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    readonly_fields = [
        "week_start", "start", "end", "fingerprint", "provider", "model", "prompt_version",
        "input_tokens", "output_tokens", "ungrounded_count", "updated_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # written by a period's summary only


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Imports started from Settings: who, which file, how far and what went wrong."""

    list_display = ["filename", "kind", "user", "status", "total", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["user__username", "filename"]
    list_select_related = ["user"]
    readonly_fields = [
        "kind", "size", "total", "created", "existing", "skipped_files", "unfinished",
        "problems", "started_at", "heartbeat_at", "finished_at",
    ]  # fmt: skip

    def get_queryset(self, request):
        # The uploaded file waits in the row until its import ends; a list never needs it.
        return super().get_queryset(request).defer("upload")


@admin.register(ConnectionCheck)
class ConnectionCheckAdmin(admin.ModelAdmin):
    """Settings → LLM's connection tests: what was asked and what came back."""

    list_display = ["created_at", "user", "provider", "model", "status", "answer_seconds"]
    list_filter = ["status", "provider"]
    list_select_related = ["user"]
    readonly_fields = [
        "provider", "model", "base_url", "json_mode", "answer_seconds", "reply",
        "schema_valid", "error", "started_at", "heartbeat_at", "finished_at",
    ]  # fmt: skip


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's admin, its untranslated column headings given translatable ones."""

    # Its task_name property would be headed "Task name", untranslated.
    list_display = [
        "task" if name == "task_name" else name for name in DBTaskResultAdmin.list_display
    ]

    @admin.display(description=_("task"))
    def task(self, result):
        return result.task_name

    @admin.display(description=DBTaskResult._meta.get_field("traceback").verbose_name)
    def formatted_traceback(self, result):
        return super().formatted_traceback(result)

    @admin.display(description=DBTaskResult._meta.get_field("run_after").verbose_name)
    def display_run_after(self, result):
        return super().display_run_after(result)
