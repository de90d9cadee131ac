from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from journal.extensions import attach_links
from journal.models import flag_done_plans
from journal.rows import day_url, row_links

from ..forms import GoalForm
from ..models import Goal
from ..services.goals import deletion_effects, goal_cards, set_archived


def get_goal_for_user(request, pk):
    """The requesting user's goal; anybody else's id is a 404."""
    return get_object_or_404(Goal, pk=pk, user=request.user)


@require_http_methods(["GET", "POST"])
def goal_list(request):
    """The user's goals as cards, the archived ones folded away, and a form to add one."""
    form = GoalForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        goal = form.save()
        return redirect("perf:goal-detail", pk=goal.pk)
    goals = goal_cards(request.user, request.profile.today())
    for goal in goals:
        goal.last_entry_url = day_url(goal.last_entry.date) if goal.last_entry else ""
    context = {
        "form": form,
        "goals": [goal for goal in goals if not goal.archived_at],
        "archived": [goal for goal in goals if goal.archived_at],
    }
    status = 422 if form.is_bound else 200
    return render(request, "perf/goal_list.html", context, status=status)


def goal_detail(request, pk):
    """A goal and its linked entries over time."""
    goal = get_goal_for_user(request, pk)
    entries = flag_done_plans(goal.entries.order_by("-date", "-created_at"))
    attach_links(entries)
    context = {"goal": goal, "entries": entries, "next": request.get_full_path(), **row_links()}
    return render(request, "perf/goal_detail.html", context)


@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = get_goal_for_user(request, pk)
    form = GoalForm(
        request.POST if request.method == "POST" else None, instance=goal, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("perf:goal-detail", pk=goal.pk)
    status = 422 if form.is_bound else 200
    return render(request, "perf/goal_edit.html", {"form": form, "goal": goal}, status=status)


@require_POST
def goal_archive(request, pk):
    goal = get_goal_for_user(request, pk)
    set_archived(goal, True)
    messages.success(
        request,
        _(
            "The goal “%(title)s” is archived: new entries are no longer linked to it, "
            "and those linked to it keep their link."
        )
        % {"title": goal.title},
    )
    return redirect("perf:goal-list")


@require_POST
def goal_unarchive(request, pk):
    goal = get_goal_for_user(request, pk)
    set_archived(goal, False)
    messages.success(
        request, _("The goal “%(title)s” is back among your goals.") % {"title": goal.title}
    )
    return redirect("perf:goal-list")


@require_http_methods(["GET", "POST"])
def goal_delete(request, pk):
    """GET says what deleting the goal does; POST deletes it."""
    goal = get_goal_for_user(request, pk)
    if request.method == "POST":
        title = goal.title
        goal.delete()
        messages.success(request, _("The goal “%(title)s” is deleted.") % {"title": title})
        return redirect("perf:goal-list")
    context = {"goal": goal, "effects": deletion_effects(goal)}
    return render(request, "perf/goal_delete.html", context)
