from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from journal.extensions import attach_links
from journal.models import flag_done_plans
from journal.rows import row_links

from ..forms import GoalForm
from ..models import Goal


@require_http_methods(["GET", "POST"])
def goal_list(request):
    """The user's goals, and a form to add one."""
    form = GoalForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        goal = form.save()
        return redirect("perf:goal-detail", pk=goal.pk)
    goals = Goal.objects.filter(user=request.user).annotate(entry_count=Count("entries"))
    status = 422 if form.is_bound else 200
    return render(request, "perf/goal_list.html", {"form": form, "goals": goals}, status=status)


def goal_detail(request, pk):
    """A goal and its linked entries over time."""
    goal = get_object_or_404(Goal, pk=pk, user=request.user)
    entries = flag_done_plans(goal.entries.order_by("-date", "-created_at"))
    attach_links(entries)
    context = {"goal": goal, "entries": entries, "next": request.get_full_path(), **row_links()}
    return render(request, "perf/goal_detail.html", context)


@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = get_object_or_404(Goal, pk=pk, user=request.user)
    form = GoalForm(
        request.POST if request.method == "POST" else None, instance=goal, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("perf:goal-detail", pk=goal.pk)
    status = 422 if form.is_bound else 200
    return render(request, "perf/goal_edit.html", {"form": form, "goal": goal}, status=status)
