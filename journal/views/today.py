import datetime
import uuid

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..entry_templates import box_for, find_template, templates_for
from ..extensions import attach_links
from ..forms import DayForm, EntryForm
from ..models import Entry, EntryType, monday_of, previous_working_day
from ..rows import row_links
from ..validation import EARLIEST_DATE, LATEST_DATE


def board_context(request, day, *, plan_form=None, fact_form=None):
    """Everything the Today board shows for `day`, in four queries."""
    user = request.user
    templates = templates_for(user)
    entries = Entry.objects.for_user(user).on(day).with_done_flag().order_by("created_at")
    plans = [e for e in entries if e.type == EntryType.PLAN]
    facts = [e for e in entries if e.type == EntryType.FACT]
    earlier_day = previous_working_day(day)
    earlier_plans = list(
        Entry.objects.for_user(user).on(earlier_day).plans().with_done_flag().order_by("created_at")
    )
    attach_links(entries, earlier_plans)
    return {
        "day": day,
        "week_start": monday_of(day),
        "today_url": reverse("journal:today"),
        "day_form": DayForm(initial={"date": day}),
        "today": request.profile.today(),
        # No link past the supported dates: that page would only say it is outside them.
        "previous_day": day - datetime.timedelta(days=1) if day > EARLIEST_DATE else None,
        "next_day": day + datetime.timedelta(days=1) if day < LATEST_DATE else None,
        "earlier_day": earlier_day,
        "earlier_plans": earlier_plans,
        "plans": plans,
        "facts": facts,
        "plan_form": plan_form
        or EntryForm(user=user, initial={"date": day, "type": EntryType.PLAN}),
        "fact_form": fact_form
        or EntryForm(user=user, initial={"date": day, "type": EntryType.FACT}),
        "plan_templates": [t for t in templates if t.offered_for(EntryType.PLAN)],
        "fact_templates": [t for t in templates if t.offered_for(EntryType.FACT)],
        **row_links(day),
    }


def today(request):
    """Today's plans and facts, or any other day's with ?date=YYYY-MM-DD."""
    status = 200
    day = request.profile.today()
    # An empty ?date= (a cleared picker) means today.
    day_form = DayForm(request.GET if request.GET.get("date") else None, initial={"date": day})
    if day_form.is_bound:
        if day_form.is_valid():
            day = day_form.cleaned_data["date"]
        else:
            status = 400

    fact_form = None
    if "done" in request.GET:
        plan = _find_plan(request.user, request.GET["done"])
        if plan is None:
            status = 404
        else:
            # "Done" turns the plan into a fact of this day: same text, ready to edit.
            fact_form = EntryForm(
                user=request.user,
                initial={
                    "date": day,
                    "type": EntryType.FACT,
                    "text": plan.text,
                    "fulfils_plan": plan.pk,
                },
            )
    forms, template_error = _template_form(request, day)
    if template_error:
        status = 404
    if fact_form is not None:
        forms["fact_form"] = fact_form  # a plan being marked done keeps its text
    context = board_context(request, day, **forms)
    context["day_form"] = day_form
    if "done" in request.GET and fact_form is None:
        context["done_error"] = _("That plan does not exist or is not yours.")
    context["template_error"] = template_error
    return render(request, "journal/today.html", context, status=status)


def _template_form(request, day):
    """?template=<key>&type=plan|fact: the box filled with that template, a page that works
    without JavaScript (which fills the box in place). Returns ({form name: form}, error)."""
    key = request.GET.get("template")
    if not key:
        return {}, ""
    template = find_template(request.user, key)
    if template is None:
        return {}, _("That template does not exist or is not yours.")
    box = box_for(template, request.GET.get("type"))
    form = EntryForm(user=request.user, initial={"date": day, "type": box, "text": template.text})
    form.template = template  # today.html focuses the box and marks its first blank
    return {f"{box}_form": form}, ""


def _find_plan(user, plan_id):
    try:
        return Entry.objects.for_user(user).plans().get(pk=uuid.UUID(plan_id))
    except (ValueError, Entry.DoesNotExist):
        return None


def home(request):
    return redirect("journal:today")
