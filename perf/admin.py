from django.contrib import admin

from .models import Goal, GoalReview, PerfSummary, WeekSummary


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
    raw_id_fields = ["goal"]


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
