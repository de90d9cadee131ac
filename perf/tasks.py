from django.tasks import task

from .models import PerfSummary, SummaryStatus, WeekSummary
from .services import run_summary
from .weekly import write_week


@task(queue_name="llm")
def write_summary(summary_id: str):
    """Write a pending summary; PerfSummary.status, not the task row, is what the UI reads."""
    summary = PerfSummary.objects.filter(pk=summary_id, status=SummaryStatus.PENDING).first()
    if summary is not None:  # deleted meanwhile, or already written by another worker
        run_summary(summary)


@task(queue_name="llm")
def write_week_task(week_summary_id: str):
    """Write a pending weekly summary."""
    summary = WeekSummary.objects.filter(pk=week_summary_id, status=SummaryStatus.PENDING).first()
    if summary is not None:
        write_week(summary)
