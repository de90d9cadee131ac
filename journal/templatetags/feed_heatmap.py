"""{% feed_heatmap %}: Feed's year of facts and streak (journal/heatmap.py), for the user
of the request, in their time zone."""

from django import template

from ..heatmap import year_of_facts

register = template.Library()


@register.inclusion_tag("journal/includes/heatmap.html", takes_context=True)
def feed_heatmap(context):
    request = context["request"]
    return {"heatmap": year_of_facts(request.user, request.profile.today())}
