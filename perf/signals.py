from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from journal.models import Entry

from .llm.schemas import GOAL_TAG
from .models import Goal
from .services.weeks import mark_stale


def link_tagged(user_id, entries) -> None:
    """Link each of the user's `entries` to the goals its #tags name: one query for the
    goals, one insert for the links, however many entries (an import's, or one saved)."""
    tags_of = {entry.pk: {tag.lower() for tag in GOAL_TAG.findall(entry.text)} for entry in entries}
    wanted = set().union(*tags_of.values())
    if not wanted:
        return
    goals = dict(Goal.objects.filter(user_id=user_id, slug__in=wanted).values_list("slug", "pk"))
    Link = Goal.entries.through
    Link.objects.bulk_create(
        [
            Link(goal_id=goals[tag], entry_id=pk)
            for pk, tags in tags_of.items()
            for tag in sorted(tags)
            if tag in goals
        ],
        ignore_conflicts=True,
    )


@receiver(post_save, sender=Entry)
def link_tagged_goals(sender, instance, raw=False, **kwargs):
    """Writing #tag of one of your goals in an entry links the entry to that goal."""
    if not raw:
        link_tagged(instance.user_id, [instance])


@receiver(post_save, sender=Entry)
def entry_saved_marks_its_week_stale(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_stale(instance.user_id, instance.date, getattr(instance, "loaded_date", None))


@receiver(post_delete, sender=Entry)
def entry_deleted_marks_its_week_stale(sender, instance, **kwargs):
    mark_stale(instance.user_id, instance.date)
