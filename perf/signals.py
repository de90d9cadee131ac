from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from journal.models import Entry

from .llm.schemas import GOAL_TAG
from .models import Goal
from .weekly import mark_stale


@receiver(post_save, sender=Entry)
def link_tagged_goals(sender, instance, raw=False, **kwargs):
    """Writing #tag of one of your goals in an entry links the entry to that goal."""
    if raw:
        return
    tags = {tag.lower() for tag in GOAL_TAG.findall(instance.text)}
    if tags:
        goals = Goal.objects.filter(user_id=instance.user_id, slug__in=tags)
        instance.goals.add(*goals)


@receiver(post_save, sender=Entry)
def entry_saved_marks_its_week_stale(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_stale(instance.user_id, instance.date, getattr(instance, "loaded_date", None))


@receiver(post_delete, sender=Entry)
def entry_deleted_marks_its_week_stale(sender, instance, **kwargs):
    mark_stale(instance.user_id, instance.date)
