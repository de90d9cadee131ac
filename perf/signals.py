from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from journal.models import Entry

from .llm.schemas import GOAL_TAG
from .models import Goal
from .services.weeks import mark_stale


def tags_in(text) -> set[str]:
    return {tag.lower() for tag in GOAL_TAG.findall(text or "")}


def link_tagged(user_id, entries) -> None:
    """Link each of the user's `entries` to the goals its #tags name: one query for the
    goals, one insert for the links, however many entries (an import's, which restores a
    journal as it was, archived goals included)."""
    link_tags(user_id, {entry.pk: tags_in(entry.text) for entry in entries}, Goal.objects.all())


def link_tags(user_id, tags_of: dict, goals) -> None:
    """Link each entry of `tags_of` ({entry id: its tags}) to those of `goals` it names."""
    wanted = set().union(*tags_of.values())
    if not wanted:
        return
    found = dict(goals.filter(user_id=user_id, slug__in=wanted).values_list("slug", "pk"))
    Link = Goal.entries.through
    Link.objects.bulk_create(
        [
            Link(goal_id=found[tag], entry_id=pk)
            for pk, tags in tags_of.items()
            for tag in sorted(tags)
            if tag in found
        ],
        ignore_conflicts=True,
    )


@receiver(post_save, sender=Entry)
def link_tagged_goals(sender, instance, created, raw=False, **kwargs):
    """A #tag of one of your goals ticks that goal when the entry is saved with the tag
    newly in it (written with it, or the edit added it); unticking wins. So a goal the user
    unticked stays unticked while its #tag stays in the text, and one they unticked in the
    same edit that added its tag too (GoalLinks.replace says which). An archived goal is
    not linked to anew."""
    unticked = getattr(instance, "unticked_goals", set())
    instance.unticked_goals = set()
    loaded = getattr(instance, "loaded_text", None)
    was_there = set() if created or loaded is None else tags_in(loaded)
    instance.loaded_text = instance.text
    if raw:
        return
    new_tags = tags_in(instance.text) - was_there
    if new_tags:
        goals = Goal.objects.filter(archived_at__isnull=True).exclude(pk__in=unticked)
        link_tags(instance.user_id, {instance.pk: new_tags}, goals)


@receiver(post_save, sender=Entry)
def entry_saved_marks_its_week_stale(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_stale(instance.user_id, instance.date, getattr(instance, "loaded_date", None))


@receiver(post_delete, sender=Entry)
def entry_deleted_marks_its_week_stale(sender, instance, **kwargs):
    mark_stale(instance.user_id, instance.date)
