from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..heatmap import year_of_facts


@require_GET
def year(request):
    """Feed's year of facts and streak: the fragment Feed loads after its rows (htmx), or a
    page of its own without JavaScript. Apart from Feed's response because its aggregate of
    a year and a long streak's look back cost more than Feed's own rows (bench/pages.py:
    about 20 ms against a 9 ms floor, 2026-12-01), and Feed was at its 3x target already."""
    context = {"heatmap": year_of_facts(request.user, request.profile.today())}
    template = "journal/includes/heatmap.html" if request.htmx else "journal/year.html"
    return render(request, template, context)
