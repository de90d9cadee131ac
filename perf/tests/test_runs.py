"""One run lifecycle for summaries and weeks: claim, heartbeat, deadline, and the sweep
that fails the runs of a worker that died (perf/runs.py, manage.py run_worker)."""

import datetime
import time
from io import StringIO

import django.db
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import make_entry, make_summary, make_user
from perf import runs
from perf.llm import LLMConfig, LLMError, generate_summary
from perf.management.commands import run_worker
from perf.models import PerfSummary, WeekSummary
from perf.services.summaries import run_summary
from perf.tasks import start_summary, write_summary
from perf.tests.conftest import good_answer, make_request
from perf.tests.fake_llm import Step

D = datetime.date
MONDAY = D(2026, 3, 2)
pytestmark = pytest.mark.django_db


def a_summary(user=None, **fields):
    """A March summary of one fact, in the user's language, stored with `fields`."""
    user = user or make_user(language="en")
    make_entry(user, text="Moved billing events to Kafka, lag from 40 s to 2 s", date=D(2026, 3, 3))
    return make_summary(user, language=user.profile.language, **fields)


def work_the_queue():
    call_command(
        "run_worker", "--batch", "--queue-name", "*", "--no-startup-delay", stdout=StringIO()
    )


def ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


# Claiming, finishing, failing


def test_a_claimed_run_is_running_and_only_its_claim_may_finish_it():
    summary = a_summary()

    claim = runs.claim(summary, stage_seconds=60)

    summary.refresh_from_db()
    assert summary.status == "running"
    assert summary.heartbeat_at == summary.started_at == claim.claimed_at
    assert runs.claim(summary, stage_seconds=60) is None  # a second worker gets nothing
    assert claim.finish(summary_text="Written.")
    assert not claim.fail("too late")  # done: no longer this claim's
    summary.refresh_from_db()
    assert (summary.status, summary.summary_text, summary.error) == ("done", "Written.", "")


def test_a_run_failed_by_a_sweep_is_no_longer_its_claims():
    summary = a_summary()
    claim = runs.claim(summary, stage_seconds=60)
    PerfSummary.objects.filter(pk=summary.pk).update(heartbeat_at=ago(600))

    assert runs.fail_dead_runs() == 1

    assert not claim.beat()
    assert not claim.finish(summary_text="A late answer")
    summary.refresh_from_db()
    assert summary.status == "failed"
    assert summary.summary_text == ""


# The heartbeat


@pytest.mark.django_db(transaction=True)  # the heartbeat writes from its own thread
def test_a_run_beats_its_heart_while_it_waits():
    summary = a_summary()
    claim = runs.claim(summary, stage_seconds=60)

    with runs.heartbeat(claim, every=0.05):
        time.sleep(0.4)  # as a call to the model would

    summary.refresh_from_db()
    assert summary.heartbeat_at - summary.started_at >= datetime.timedelta(seconds=0.2)
    assert summary.status == "running"  # the heartbeat alone never ends a run


@pytest.mark.django_db(transaction=True)
def test_a_summary_beats_while_the_model_writes_it(fake_llm, anthropic_config, settings):
    settings.RUN_HEARTBEAT_SECONDS = 0.05
    summary = a_summary()
    fake_llm.answer(good_answer(goals=[]), delay=0.5)

    run_summary(summary, anthropic_config)

    summary.refresh_from_db()
    assert summary.status == "done"
    assert summary.heartbeat_at - summary.started_at >= datetime.timedelta(seconds=0.3)


@pytest.mark.django_db(transaction=True)
def test_a_stage_past_its_deadline_fails_the_run_and_its_late_answer_is_not_saved():
    summary = a_summary()
    claim = runs.claim(summary, stage_seconds=0.1, grace=0)

    with runs.heartbeat(claim, every=0.05):
        time.sleep(0.5)  # a model that goes on and on

    summary.refresh_from_db()
    assert summary.status == "failed"
    assert "took longer than one generation may take (0.1 s" in summary.error
    assert summary.finished_at is not None
    assert not claim.finish(summary_text="The late answer")


@pytest.mark.django_db(transaction=True)
def test_progress_gives_the_next_stage_its_own_deadline():
    summary = a_summary()
    claim = runs.claim(summary, stage_seconds=0.3, grace=0)

    with runs.heartbeat(claim, every=0.05):
        for _week in range(4):  # four weeks of 0.2 s each: 0.8 s in all
            time.sleep(0.2)
            claim.progress()

    summary.refresh_from_db()
    assert summary.status == "running"


# Deadlines and answer sizes in the LLM layer


def test_one_generation_ends_within_its_deadline_however_long_the_model_writes(
    fake_llm, monkeypatch
):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    config = LLMConfig(provider="anthropic", anthropic_api_key="k", timeout=0.3, max_retries=1)
    # A malformed first answer just in time, then a model that keeps generating.
    fake_llm.script(Step(delay=0.2, text='{"summary_text": "cut'), *[Step(delay=30, text="{}")] * 3)
    started = time.monotonic()

    with pytest.raises(LLMError, match="did not answer within 0.3 s"):
        generate_summary(make_request(), config)

    assert time.monotonic() - started <= config.stage_seconds + 0.3
    assert config.stage_seconds == 0.3 * 3 + 0.5


def test_a_weeks_answer_may_take_far_fewer_tokens_than_a_half_years(fake_llm, anthropic_config):
    from perf.llm import generate_week
    from perf.llm.schemas import EntryData

    week = make_request()
    half_year = make_request(
        entries=[
            EntryData(
                ref=f"E{n}",
                date=D(2026, 1, 1) + datetime.timedelta(days=n),
                type="fact",
                text=f"Shipped change {n} of the billing migration, with its runbook",
            )
            for n in range(1, 181)
        ]
    )
    fake_llm.answer({"bullets": []})
    fake_llm.answer(good_answer(goals=[]))

    generate_week(week, anthropic_config)
    generate_summary(half_year, anthropic_config)

    week_tokens, half_year_tokens = (r["body"]["max_tokens"] for r in fake_llm.requests)
    assert week_tokens <= 1500
    assert half_year_tokens == anthropic_config.max_output_tokens == 8000


def test_an_answer_cut_at_its_size_says_so(fake_llm, anthropic_config):
    fake_llm.answer('{"summary_text": "and so on and so on', stop_reason="max_tokens")

    with pytest.raises(LLMError, match="cut off at 1000 tokens"):
        generate_summary(make_request(entries=make_request().entries[:1]), anthropic_config)


# The sweep


def test_the_sweep_fails_runs_whose_heartbeat_stopped_and_leaves_beating_ones(settings):
    settings.RUN_STALE_SECONDS = 60
    user = make_user(language="ru")
    dead = a_summary(user, status="running", started_at=ago(900), heartbeat_at=ago(61))
    beating = a_summary(user, status="running", started_at=ago(900), heartbeat_at=ago(5))
    rewriting = a_summary(user, status="running", started_at=ago(90), heartbeat_at=None)
    PerfSummary.objects.filter(pk=rewriting.pk).update(rewriting_review_id=dead.pk)
    week = WeekSummary.objects.create(
        user=user, week_start=MONDAY, role="engineer", language="en", status="running",
        started_at=ago(300), heartbeat_at=ago(200),
    )  # fmt: skip

    assert runs.fail_dead_runs() == 3

    for run in (dead, beating, rewriting, week):
        run.refresh_from_db()
    assert (dead.status, beating.status, rewriting.status, week.status) == (
        "failed", "running", "failed", "failed",
    )  # fmt: skip
    assert "Обработчик, писавший это, остановился" in dead.error  # in the user's language
    assert "The worker writing this stopped" in week.error  # a week's, in the week's
    assert rewriting.rewriting_review_id is None
    assert dead.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_task_row_of_a_run_whose_worker_died_does_not_stay_running():
    summary = a_summary()
    result = write_summary.enqueue(str(summary.pk))
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("a worker that is then killed")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=ago(300))
    PerfSummary.objects.filter(pk=summary.pk).update(
        status="running", started_at=ago(300), heartbeat_at=ago(290)
    )

    runs.fail_dead_runs()

    row.refresh_from_db()
    summary.refresh_from_db()
    assert (summary.status, row.status) == ("failed", "FAILED")
    assert row.exception_class_path == "perf.runs.WorkerStopped"


@pytest.mark.django_db(transaction=True)
def test_try_again_after_a_dead_worker_writes_the_summary(client_for):
    user = make_user(language="en")
    summary = a_summary(user, status="running", started_at=ago(300), heartbeat_at=ago(290))
    runs.fail_dead_runs()
    client = client_for(user)

    response = client.post(reverse("perf:summary-regenerate", args=[summary.pk]))

    assert response.status_code in (200, 302)
    work_the_queue()
    summary.refresh_from_db()
    assert (summary.status, summary.error) == ("done", "")


def test_showing_a_page_never_fails_a_run(alice_client, user):
    # The sweep is the worker's: a GET writes nothing, however old the heartbeat.
    summary = a_summary(user, status="running", started_at=ago(3600), heartbeat_at=ago(3600))

    for url in (
        reverse("perf:summary-index"),
        reverse("perf:summary-detail", args=[summary.pk]),
        reverse("api:get_summary", args=[summary.pk]),
    ):
        assert alice_client.get(url).status_code == 200

    summary.refresh_from_db()
    assert summary.status == "running"


# The worker itself


@pytest.mark.django_db(transaction=True)
def test_the_worker_carries_on_after_losing_the_database(monkeypatch, caplog):
    summary = a_summary()
    start_summary(summary)
    calls = []
    real_run = run_worker.db_worker.Worker.run

    def database_goes_away_once(worker):
        calls.append(1)
        if len(calls) == 1:
            raise django.db.OperationalError("server closed the connection unexpectedly")
        return real_run(worker)

    monkeypatch.setattr(run_worker.db_worker.Worker, "run", database_goes_away_once)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)

    work_the_queue()

    summary.refresh_from_db()
    assert summary.status == "done"
    assert len(calls) == 2
    assert "The worker lost the database (OperationalError" in caplog.text


def test_the_sweep_knows_the_path_of_each_task_that_writes_a_run():
    from perf.connection_checks import ConnectionCheck
    from perf.import_runs import ImportRun
    from perf.tasks import check_llm_connection, import_journal_task, write_week_task

    assert runs.TASK_RUNS == {
        write_summary.module_path: PerfSummary,
        write_week_task.module_path: WeekSummary,
        import_journal_task.module_path: ImportRun,
        check_llm_connection.module_path: ConnectionCheck,
    }
