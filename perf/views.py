from django.shortcuts import render


def summary_index(request):
    """Placeholder until the perf-summary issue lands: says what is coming."""
    return render(request, "perf/summary_index.html")
