"""Our own export read back: every record, with its id and timestamps (a restore)."""

import dataclasses
import functools
import uuid
from collections import defaultdict

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pydantic import ValidationError

from journal.models import Entry, Profile
from journal.search import normalize_for_search

from ..bulk import insert_instances, insert_rows
from ..models import (
    Citation,
    Goal,
    GoalReview,
    PerfSummary,
    ReviewForm,
    ReviewPoint,
    SummaryStatus,
    WeekSummary,
)
from ..services.weeks import mark_stale, monday_of
from .export import POINT_SECTIONS, record_fields
from .problems import our_fault
from .records import OurFile
from .report import ImportReport, JournalFileError

POINT_LISTS = ("outputs", "outcomes", "answers", "context_entry_ids")


def fail_unfinished(run):
    """A summary or weekly summary the file holds waiting or being written comes in failed:
    no worker of this install will ever finish it, and it must not say "Writing" forever.
    Only the status, the reason and the time it ended change; the user writes it again."""
    run.came_unfinished = run.status in (SummaryStatus.PENDING, SummaryStatus.RUNNING)
    if run.came_unfinished:
        with translation.override(run.language):
            run.error = _(
                "This summary was still being written when it was exported; write it again."
            )
        run.status = SummaryStatus.FAILED
        run.finished_at = timezone.now()
        if hasattr(run, "rewriting_review_id"):
            # As when a run fails here: the rewrite of one goal it was doing is over.
            run.rewriting_review_id = None
    return run


def consumed(records: list):
    """The records in order, each let go once made into an instance, so that a journal is
    not held twice over (bench/export_import.py, 20,000 entries: a peak of 99 MiB, not 114)."""
    records.reverse()
    while records:
        yield records.pop()


@functools.cache
def filled_on_saving(model) -> list:
    """The timestamps a model sets itself, which a file may leave out."""
    return [
        field.attname
        for field in record_fields(model)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def made(model, record, *, exclude=frozenset()):
    """An unsaved instance of a record the file holds: the fields the record leaves out
    take the model's defaults."""
    instance = model(**record.model_dump(exclude_unset=True, exclude=exclude))
    for attname in filled_on_saving(model):
        if getattr(instance, attname) is None:
            setattr(instance, attname, timezone.now())
    return instance


class OurExport:
    kind = "a Perf Assist export"

    def __init__(self, profile, goals, entries, goal_links, summaries, reviews, weeks, forms=()):
        self.profile = profile
        self.forms = list(forms)
        self.goals, self.entries, self.goal_links = goals, entries, goal_links
        self.summaries, self.reviews, self.weeks = summaries, reviews, weeks
        self.goal_ids = {goal.pk for goal in goals}
        self.entry_ids = {entry.pk for entry in entries}

    @classmethod
    def read(cls, data: dict):
        """The export's records as unsaved instances, once the whole file is found sound."""
        try:
            file = OurFile.model_validate(data)
        except ValidationError as error:
            raise JournalFileError(our_fault(error, data)) from None
        goals = [made(Goal, record) for record in consumed(file.goals)]
        entries, goal_links = [], {}
        for record in consumed(file.entries):
            entry = made(Entry, record, exclude={"goals"})
            entries.append(entry)
            goal_links[entry.pk] = [uuid.UUID(str(goal)) for goal in record.goals]
        summaries, reviews = [], {}
        for record in consumed(file.summaries):
            summary = fail_unfinished(made(PerfSummary, record, exclude={"goal_reviews"}))
            summaries.append(summary)
            reviews[summary.pk] = []
            for review_record in record.goal_reviews:
                review = made(GoalReview, review_record, exclude=set(POINT_LISTS))
                # Points and citations are rows of their own, written after the review.
                review.file_points = {
                    name: [point.model_dump(exclude_unset=True) for point in points]
                    for name, _section in POINT_SECTIONS
                    for points in [getattr(review_record, name)]
                }
                review.file_context_entry_ids = review_record.context_entry_ids
                reviews[summary.pk].append(review)
        weeks = [
            fail_unfinished(made(WeekSummary, record)) for record in consumed(file.week_summaries)
        ]
        profile = file.user.model_dump(exclude_unset=True)
        forms = [made(ReviewForm, record) for record in consumed(file.review_forms)]
        return cls(profile, goals, entries, goal_links, summaries, reviews, weeks, forms)

    def write(self, user) -> ImportReport:
        report = ImportReport(self.kind)
        was_empty = not (
            Entry.objects.filter(user=user).exists() or Goal.objects.filter(user=user).exists()
        )
        goal_map = self.write_goals(user, report)
        entry_map, created_days = self.write_entries(user, report)
        links = [
            Goal.entries.through(entry_id=entry_map[entry_id], goal_id=goal_map[goal_id])
            for entry_id, goal_ids in self.goal_links.items()
            for goal_id in goal_ids
        ]
        Goal.entries.through.objects.bulk_create(links, ignore_conflicts=True)
        self.write_summaries(user, report, goal_map)
        imported_weeks = self.write_weeks(user, report)
        self.write_forms(user, report)
        # Weeks whose summaries this file did not bring now hold entries they never saw.
        mark_stale(user.pk, *(day for day in created_days if monday_of(day) not in imported_weeks))
        if was_empty and self.profile:
            Profile.objects.update_or_create(user=user, defaults=self.profile)
        return report

    @staticmethod
    def insert(instances: list, user, taken: set) -> list:
        """Insert as exported, timestamps kept, many rows a query (bulk.insert_instances);
        a new id for each record whose id another user's record holds."""
        for instance in instances:
            if instance.pk in taken:
                instance.pk = uuid.uuid4()
            if user is not None:
                instance.user_id = user.pk
        return insert_instances(instances)

    @staticmethod
    def taken_ids(model, user, ids) -> set:
        """Ids of the file that another user's records hold (asked in chunks: SQLite caps
        the parameters of one query)."""
        ids, taken = list(ids), set()
        for start in range(0, len(ids), 500):
            chunk = model.objects.filter(pk__in=ids[start : start + 500])
            if user is not None:
                chunk = chunk.exclude(user=user)
            taken |= set(chunk.values_list("pk", flat=True))
        return taken

    def write_goals(self, user, report) -> dict:
        own = {goal.pk: goal.slug for goal in Goal.objects.filter(user=user)}
        by_slug = {slug: pk for pk, slug in own.items()}
        taken = self.taken_ids(Goal, user, self.goal_ids - set(own))
        goal_map, new = {}, []
        for goal in self.goals:
            file_id = goal.pk
            if file_id in own or goal.slug in by_slug:
                goal_map[file_id] = file_id if file_id in own else by_slug[goal.slug]
                report.existing["goals"] += 1
                continue
            if file_id in taken:
                goal.pk = uuid.uuid4()
            goal_map[file_id] = by_slug[goal.slug] = goal.pk
            new.append(goal)
        self.insert(new, user, taken=set())
        report.created["goals"] += len(new)
        return goal_map

    def write_forms(self, user, report):
        """The user's own review forms: one of the same id or name (any case) is there
        already; the others come after the user's own, in the file's order."""
        own = ReviewForm.objects.filter(user=user)
        known = {pk for pk in own.values_list("pk", flat=True)}
        names = {name.casefold() for name in own.values_list("name", flat=True)}
        last = max(own.values_list("position", flat=True), default=-1)
        taken = self.taken_ids(ReviewForm, user, {form.pk for form in self.forms} - known)
        new = []
        for form in sorted(self.forms, key=lambda form: form.position):
            if form.pk in known or form.name.casefold() in names:
                report.existing["review forms"] += 1
                continue
            last += 1
            form.position = last
            new.append(form)
            names.add(form.name.casefold())
        self.insert(new, user, taken)
        report.created["review forms"] += len(new)

    def write_entries(self, user, report):
        rows = list(Entry.objects.filter(user=user).values_list("pk", "date", "type", "text"))
        own = {pk for pk, *_content in rows}
        # The user's entries the file does not name by id, by content; one match each, so
        # two entries saying the same thing on one day both survive a round trip.
        by_content = defaultdict(list)
        for pk, *content in rows:
            if pk not in self.entry_ids:
                by_content[tuple(content)].append(pk)
        taken = self.taken_ids(Entry, user, self.entry_ids - own)
        entry_map, new = {}, []
        for entry in self.entries:
            same = by_content.get((entry.date, entry.type, entry.text))
            if entry.pk in own or same:
                entry_map[entry.pk] = entry.pk if entry.pk in own else same.pop(0)
                report.existing["entries"] += 1
                continue
            file_id = entry.pk
            if file_id in taken:
                entry.pk = uuid.uuid4()
            entry_map[file_id] = entry.pk
            new.append(entry)
        for entry in new:
            plan = entry.fulfils_plan_id
            entry.fulfils_plan_id = entry_map.get(plan, plan if plan in own else None)
            # What Entry.save() would fill in, which a raw insert does not call.
            entry.search_text = normalize_for_search(entry.text)
        # Row by row, a restore of 20,000 entries took 12 s on SQLite (bench/export_import.py).
        self.insert(new, user, taken=set())
        report.created["entries"] += len(new)
        # Citations follow the entries to their ids here, and may point at the user's
        # entries only, nobody else's.
        self.citations = Citations(
            mapping={str(old): str(new) for old, new in entry_map.items()},
            citable={str(pk) for pk in own} | {str(pk) for pk in entry_map.values()},
        )
        return entry_map, {entry.date for entry in new}

    def write_summaries(self, user, report, goal_map):
        own = PerfSummary.objects.filter(user=user)
        known, known_runs = set(), set()
        for pk, *run in own.values_list("pk", "created_at", "period_start", "period_end"):
            known.add(pk)
            known_runs.add(tuple(run))
        taken = self.taken_ids(PerfSummary, user, {s.pk for s in self.summaries} - known)
        review_ids = [review.pk for reviews in self.reviews.values() for review in reviews]
        taken_reviews = self.taken_ids(GoalReview, None, review_ids)
        own_goals = set(Goal.objects.filter(user=user).values_list("pk", flat=True))
        new, new_reviews = [], []
        for summary in self.summaries:
            reviews = self.reviews[summary.pk]
            if summary.pk in known or (
                (summary.created_at, summary.period_start, summary.period_end) in known_runs
            ):
                report.existing["perf summaries"] += 1
                continue
            summary.sent_entry_ids = self.citations.ids(summary.sent_entry_ids)
            summary.excluded_entry_ids = self.citations.ids(summary.excluded_entry_ids)
            if summary.pk in taken:
                summary.pk = uuid.uuid4()
            new.append(summary)
            report.unfinished += summary.came_unfinished
            for review in reviews:
                review.summary_id = summary.pk
                goal = review.goal_id
                review.goal_id = goal_map.get(goal, goal if goal in own_goals else None)
                new_reviews.append(review)
        self.insert(new, user, taken=set())
        self.insert(new_reviews, None, taken_reviews)
        self.write_points(new_reviews)
        report.created["perf summaries"] += len(new)

    def write_points(self, reviews):
        """The reviews' points and citations, new ids for all: a point's id is not carried
        between databases (another user's review may hold it)."""
        points, citations, contexts = [], [], []
        for review in reviews:
            points_and_citations = self.review_points(review)
            points += points_and_citations[0]
            citations += points_and_citations[1]
            contexts += [
                (review.pk, pk)
                for pk in dict.fromkeys(self.citations.ids(review.file_context_entry_ids))
            ]
        insert_instances(points)
        insert_rows(Citation, ("point", "entry", "position"), citations)
        insert_rows(GoalReview.context_entries.through, ("goalreview", "entry"), contexts)

    def review_points(self, review):
        """A review's points and their citations, unsaved."""
        points, citations = [], []
        for name, section in POINT_SECTIONS:
            for position, item in enumerate(review.file_points[name]):
                cited = self.citations.ids(item["entry_ids"])
                point = ReviewPoint(
                    review=review,
                    section=section,
                    position=position,
                    text=item["text"],
                    locked=item.get("locked", False),
                    removed=item.get("removed", False),
                    unsupported=item.get("unsupported", []),
                    # An id of an entry the file does not bring counts as one deleted.
                    cited_count=max(
                        item.get("cited_count", 0),
                        len({uuid.UUID(str(pk)) for pk in item["entry_ids"]}),
                    ),
                )
                points.append(point)
                citations += point.citation_rows(cited)
        return points, citations

    def write_weeks(self, user, report) -> set:
        have, own = set(), set()
        for pk, week_start in WeekSummary.objects.filter(user=user).values_list("pk", "week_start"):
            have.add(week_start)
            own.add(pk)
        taken = self.taken_ids(
            WeekSummary, user, [week.pk for week in self.weeks if week.week_start not in have]
        )
        imported, new = set(), []
        for week in self.weeks:
            if week.week_start in have or week.pk in own:
                report.existing["weekly summaries"] += 1
                continue
            week.bullets = self.citations.bullets(week.bullets)
            new.append(week)
            report.unfinished += week.came_unfinished
            have.add(week.week_start)
            imported.add(week.week_start)
        self.insert(new, user, taken)
        report.created["weekly summaries"] += len(new)
        return imported


@dataclasses.dataclass
class Citations:
    """Entry ids as summaries store them (text), pointing at the entries as imported; an
    id of no entry of this user is dropped."""

    mapping: dict
    citable: set

    def ids(self, ids) -> list:
        normal = (str(uuid.UUID(str(item))) for item in ids)  # checked on reading
        remapped = (self.mapping.get(pk, pk) for pk in normal)
        return [pk for pk in remapped if pk in self.citable]

    def bullets(self, bullets) -> list:
        return [{**item, "entry_ids": self.ids(item["entry_ids"])} for item in bullets]
