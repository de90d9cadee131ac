from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Entry, EntryTemplate, Profile, normalize_for_search


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserWithProfileAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = [*UserAdmin.list_display, "role"]
    list_select_related = ["profile"]

    # A "profile__role" column would be headed "Profile  role", untranslated.
    @admin.display(
        description=Profile._meta.get_field("role").verbose_name, ordering="profile__role"
    )
    def role(self, user):
        return user.profile.get_role_display()

    def get_inlines(self, request, obj):
        # A new user gets its profile from the post_save signal; edit it once the user exists.
        return self.inlines if obj else []


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "language", "time_zone"]
    list_filter = ["role", "language"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["date", "type", "short_text", "user", "created_at"]
    list_filter = ["type", "date", "user"]
    # search_text is case-folded, so a folded term finds Cyrillic in any case on SQLite too.
    search_fields = ["search_text", "user__username"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["fulfils_plan"]
    readonly_fields = ["id", "created_at", "updated_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "fulfils_plan":
            kwargs["queryset"] = Entry.objects.plans()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=Entry._meta.get_field("text").verbose_name)
    def short_text(self, entry):
        return entry.text[:80]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalize_for_search(search_term))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["hint", "created_at", "last_used_at"]
    fields = ["user", "name", "hint", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False  # a token is made where it can be shown once: settings, or the command


@admin.register(EntryTemplate)
class EntryTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "type", "position", "created_at"]
    list_filter = ["type"]
    search_fields = ["name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["created_at"]
