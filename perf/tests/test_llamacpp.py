"""Our openai provider against a real llama.cpp server: llama-cpp-python's, serving
SmolLM2-135M on loopback (scripts/llamacpp_server.sh; CI runs these with -m llamacpp and
PERFASSIST_LLAMACPP_URL set). A week's summary, a four-week period's, polish, and the
connection test. The model is tiny and weak: the point is the protocol and the failure
paths, not the prose. Each must come back schema-valid citing only the user's entries of
its period, or fail cleanly within its deadline: a reason that names the setting to change,
nothing half-written, no traceback. Each test prints its time and outcome (-s), and adds
them to the Markdown file PERFASSIST_LLAMACPP_RESULTS names, when set."""

import datetime
import io
import json
import logging
import os
import pathlib
import re
import time
import urllib.request

import pytest
from django.core.management import CommandError, call_command

from conftest import make_entry, make_goal, make_user
from perf.llm import LLMError, polish
from perf.llm.config import llm_config
from perf.llm.grounding import polish_problems
from perf.llm.schemas import PolishRequest
from perf.models import ReviewPoint, SummaryStatus
from perf.services.summaries import create_summary, run_summary
from perf.services.weeks import write_week
from perf.tasks import request_week

pytestmark = [pytest.mark.llamacpp, pytest.mark.django_db]

D = datetime.date
MODEL = "smollm2-135m"  # the server's --model_alias
# One try of each answer, and one repair: a test's worst case is twice LLM_TIMEOUT. No
# retries: this server finishes a generation its client gave up on before it takes the next
# request, so a retry after a timeout would only wait behind the try it replaces.
TIMEOUT = 30.0
RETRIES = 0
# Reading a four-week prompt (~1,700 tokens) alone takes this CPU 15-40 s, and CI runs
# these beside the PostgreSQL suite, which takes the other core.
PERIOD_TIMEOUT = 90.0
MARGIN = 10.0  # starting the run and saving it, around the generation's own deadline
SETTINGS = re.compile(
    r"\b(LLM_TIMEOUT|LLM_MAX_RETRIES|LLM_MODEL|LLM_PROVIDER|LLM_INPUT_BUDGET"
    r"|OPENAI_BASE_URL|OPENAI_API_KEY|OPENAI_JSON_MODE)\b"
)

MONDAY = D(2026, 3, 2)  # 2026-W10, the first of four weeks
PERIOD_END = D(2026, 3, 29)
# Four weeks of an engineer's facts (and two plans), tagged with three goals' #tags.
JOURNAL = [
    (D(2026, 3, 2), "plan", "Migrate billing events to Kafka #billing"),
    (D(2026, 3, 2), "fact", "Moved billing events to Kafka #billing, lag from 40 s to 2 s"),
    (D(2026, 3, 3), "fact", "Reviewed 4 pull requests for the payments team"),
    (D(2026, 3, 4), "fact", "Wrote the billing on-call runbook #billing"),
    (D(2026, 3, 5), "fact", "Interviewed two backend candidates #hiring"),
    (D(2026, 3, 6), "fact", "Fixed the flaky checkout test that failed 1 run in 10"),
    (D(2026, 3, 9), "fact", "Added a trigram index to search #search, p95 from 300 ms to 90 ms"),
    (D(2026, 3, 10), "fact", "Paired with Oleg on the invoice retry logic #billing"),
    (D(2026, 3, 11), "fact", "Presented the Kafka migration at the engineering all-hands"),
    (D(2026, 3, 12), "fact", "Cut CI time from 20 to 8 minutes by caching wheels"),
    (D(2026, 3, 13), "fact", "Wrote the take-home exercise for backend candidates #hiring"),
    (D(2026, 3, 16), "plan", "Roll out search suggestions to everyone #search"),
    (D(2026, 3, 16), "fact", "Shipped search suggestions behind a feature flag #search"),
    (
        D(2026, 3, 17),
        "fact",
        "Resolved a billing incident #billing: duplicate invoices for 12 customers, refunds sent",
    ),
    (D(2026, 3, 18), "fact", "Mentored a new hire through their first production deploy"),
    (D(2026, 3, 19), "fact", "Upgraded PostgreSQL from 15 to 16 on staging"),
    (D(2026, 3, 20), "fact", "Debriefed three candidates with the hiring manager #hiring"),
    (D(2026, 3, 23), "fact", "Rolled search suggestions out to all users #search, clicks up 6%"),
    (D(2026, 3, 24), "fact", "Added Grafana alerts on billing consumer lag #billing"),
    (D(2026, 3, 25), "fact", "Removed 3,000 lines of dead code from the legacy reports module"),
    (D(2026, 3, 26), "fact", "Ran the disaster-recovery drill, the restore took 25 minutes"),
    (D(2026, 3, 27), "fact", "Our candidate accepted the offer and starts in April #hiring"),
]


@pytest.fixture(scope="module")
def llamacpp_url():
    url = os.environ.get("PERFASSIST_LLAMACPP_URL")
    if not url:  # asked for with -m llamacpp: a skip would hide that nothing ran
        pytest.fail(
            "The llamacpp tests need a llama.cpp server: start one with "
            "`scripts/llamacpp_server.sh start DIR` and set PERFASSIST_LLAMACPP_URL to the "
            "URL it prints (as .ci/run does)."
        )
    return url


@pytest.fixture(autouse=True)
def real_server(settings, llamacpp_url):
    """The settings a user of a local llama.cpp server sets, deadlines bounded."""
    settings.LLM_PROVIDER = "openai"
    settings.OPENAI_BASE_URL = llamacpp_url
    settings.OPENAI_API_KEY = ""
    settings.LLM_MODEL = MODEL
    settings.OPENAI_JSON_MODE = ""  # auto: what the server supports
    settings.LLM_TIMEOUT = TIMEOUT
    settings.LLM_MAX_RETRIES = RETRIES
    settings.LLM_INPUT_BUDGET = 0
    settings.LLM_CONCURRENCY = 1  # the server answers one request at a time anyway
    wait_until_idle(llamacpp_url)
    return llm_config()


def wait_until_idle(url):
    """Return once the server has finished what an earlier test gave up on (it runs one
    generation at a time, to its end): each test's time is its own."""
    body = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1}
    request = urllib.request.Request(
        f"{url}/chat/completions",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()


@pytest.fixture
def record(request, capsys, caplog):
    """Call with (seconds, outcome, detail) once the test's work is done, before checking
    what it made: reports it, then checks that the work stayed within its deadline and
    printed no traceback."""
    caplog.set_level(logging.INFO)

    def done(seconds, outcome, detail=""):
        deadline = llm_config().stage_seconds + MARGIN
        captured = capsys.readouterr()
        line = f"{request.node.name}: {outcome} in {seconds:.1f} s (bound {deadline:g} s)"
        with capsys.disabled():
            print(f"\n[llamacpp] {line}" + (f": {detail}" if detail else ""))
        if path := os.environ.get("PERFASSIST_LLAMACPP_RESULTS"):
            results = pathlib.Path(path)
            if not results.exists():
                results.write_text("| test | outcome | seconds | detail |\n|---|---|---|---|\n")
            with results.open("a") as out:
                cell = detail.replace("|", "\\|").replace("\n", " ")
                out.write(f"| {request.node.name} | {outcome} | {seconds:.1f} | {cell} |\n")
        assert seconds < deadline, f"took {seconds:.1f} s, past its deadline of {deadline:g} s"
        printed = captured.out + captured.err + caplog.text
        assert "Traceback" not in printed, printed
        assert not [r for r in caplog.records if r.exc_info], caplog.text

    return done


def journal(user):
    """The four weeks' entries of `user` and the goals their #tags name."""
    for title, slug in [("Reliable billing", "billing"), ("Fast search", "search")]:
        make_goal(user=user, title=title, slug=slug)
    make_goal(user=user, title="Grow the backend team", slug="hiring")
    return [make_entry(user, type=kind, text=text, date=day) for day, kind, text in JOURNAL]


def names_a_setting(reason: str):
    assert SETTINGS.search(reason), f"the reason names no setting to change: {reason!r}"


def test_polish_through_llamacpp(record):
    text = "cut CI time from 20 to 8 minutes by caching wheels"
    request = PolishRequest(text=text, role="engineer", language="en")

    started = time.monotonic()
    try:
        result = polish(request, llm_config())
    except LLMError as error:
        result, reason = None, str(error)
    seconds = time.monotonic() - started

    if result is None:
        record(seconds, "failed", reason)
        names_a_setting(reason)
    else:
        record(seconds, "done", f"{result.rewrite!r}; {result.input_tokens}+{result.output_tokens}")
        assert result.rewrite and polish_problems(text, result.rewrite) == ""
        assert (result.provider, result.model) == ("openai", MODEL)


def test_the_connection_test_through_llamacpp(record, llamacpp_url):
    from perf.llm.connection import check_connection

    started = time.monotonic()
    report = check_connection(llm_config())
    seconds = time.monotonic() - started

    if report.ok:
        record(seconds, "ok", f"JSON mode {report.json_mode}, reply {report.reply!r}")
        assert report.schema_valid and report.reply and not report.error
    else:
        record(seconds, "failed", report.error)
        names_a_setting(report.error)
    assert (report.provider, report.model, report.base_url) == ("openai", MODEL, llamacpp_url)
    assert report.seconds <= seconds + 0.01  # rounded to hundredths


def test_check_llm_through_llamacpp(record, llamacpp_url):
    out, err = io.StringIO(), io.StringIO()

    started = time.monotonic()
    try:
        call_command("check_llm", stdout=out, stderr=err)
    except CommandError as error:  # exits 1 from the shell
        code, printed = error.returncode, out.getvalue() + err.getvalue() + str(error)
    else:
        code, printed = 0, out.getvalue() + err.getvalue()
    seconds = time.monotonic() - started

    record(seconds, "ok" if code == 0 else f"exit {code}", printed.strip().replace("\n", "; "))
    assert MODEL in printed and llamacpp_url in printed, printed
    if code:
        assert code == 1
        names_a_setting(printed)


def test_the_llm_pages_connection_test_through_llamacpp(record, client, llamacpp_url):
    """Settings → LLM as staff use it: press the button, the worker runs the test, the
    page's poll shows what came back."""
    from django.urls import reverse

    from perf.connection_checks import ConnectionCheck
    from perf.services.connection import run_check  # the worker's task body

    admin = make_user("root")
    admin.is_staff = True
    admin.save()
    client.force_login(admin)

    started = time.monotonic()
    client.post(reverse("perf:llm-test"))
    check = ConnectionCheck.objects.get()
    run_check(check)
    seconds = time.monotonic() - started
    shown = client.get(reverse("perf:llm-check", args=[check.pk]), HTTP_HX_REQUEST="true").text

    check.refresh_from_db()
    record(seconds, check.status, check.error or f"JSON mode {check.json_mode}: {check.reply!r}")
    assert (check.provider, check.model, check.base_url) == ("openai", MODEL, llamacpp_url)
    if check.status == SummaryStatus.DONE:
        assert check.schema_valid and "It works: answered in" in shown
        assert "found: json_object" in shown  # llama.cpp refuses json_schema
    else:
        assert check.status == SummaryStatus.FAILED
        names_a_setting(check.error)
        assert check.error in shown


def test_a_four_week_summary_through_llamacpp(record, settings):
    settings.LLM_TIMEOUT = PERIOD_TIMEOUT
    user = make_user(language="en")
    entries = journal(user)
    period_ids = {str(e.pk) for e in entries}

    started = time.monotonic()
    summary = create_summary(user, start=MONDAY, end=PERIOD_END)
    run_summary(summary)
    seconds = time.monotonic() - started

    summary.refresh_from_db()
    points = ReviewPoint.objects.filter(review__summary=summary)
    if summary.status == SummaryStatus.DONE:
        cited = {pk for point in points for pk in point.cited_entry_ids()}
        context = {
            str(pk)
            for review in summary.goal_reviews.all()
            for pk in review.context_entries.values_list("pk", flat=True)
        }
        record(
            seconds,
            summary.status,
            f"{summary.goal_reviews.count()} goal reviews, {points.count()} points citing "
            f"{len(cited)} entries, {summary.ungrounded_count} dropped; "
            f"{summary.input_tokens}+{summary.output_tokens} tokens",
        )
        assert (summary.provider, summary.model) == ("openai", MODEL)
        assert cited | context <= period_ids, "the summary cites an entry outside its period"
    else:
        record(seconds, summary.status, summary.error)
        assert summary.status == SummaryStatus.FAILED, summary.status
        names_a_setting(summary.error)
        assert not summary.goal_reviews.exists() and not points.exists(), "half-written"


# Last: the week's answer, within a grammar, is the one this model most often runs on to
# its token limit, past LLM_TIMEOUT; the server finishes it all the same, and a next test
# would wait for that first (wait_until_idle).
def test_a_week_through_llamacpp(record):
    user = make_user(language="en")
    entries = journal(user)
    week_ids = {str(e.pk) for e in entries if MONDAY <= e.date <= MONDAY + datetime.timedelta(6)}

    started = time.monotonic()
    week = write_week(request_week(user, MONDAY))
    seconds = time.monotonic() - started

    if week.status == SummaryStatus.DONE:
        cited = {pk for bullet in week.bullets for pk in bullet["entry_ids"]}
        record(
            seconds,
            week.status,
            f"{len(week.bullets)} points citing {len(cited)} entries, "
            f"{week.ungrounded_count} dropped; {week.input_tokens}+{week.output_tokens} tokens",
        )
        assert (week.provider, week.model) == ("openai", MODEL)
        assert cited <= week_ids, "a point cites an entry outside the week"
    else:
        record(seconds, week.status, week.error)
        assert week.status == SummaryStatus.FAILED, week.status
        names_a_setting(week.error)
        assert week.bullets == []
