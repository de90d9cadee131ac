from django.contrib import admin

from .models import ReminderPreferences, SentReminder


@admin.register(ReminderPreferences)
class ReminderPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "nudge", "nudge_time", "digest", "digest_time", "confirmed_email"]
    list_filter = ["nudge", "digest"]
    list_select_related = ["user"]
    search_fields = ["user__username"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "local_date", "status", "attempts", "sent_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    date_hierarchy = "local_date"
