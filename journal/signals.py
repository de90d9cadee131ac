from django.conf import settings
from django.db import connections
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import Profile
from .search import ensure_sqlite_search_index


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_migrate)
def rebuild_search_index(sender, using, **kwargs):
    if sender.name == "journal":
        ensure_sqlite_search_index(connections[using])
