"""Scaling out: several workers against one PostgreSQL share the queue, and each queued
summary is written exactly once (django-tasks-db claims with FOR UPDATE SKIP LOCKED)."""

import datetime
import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from conftest import make_entry, make_user
from perf.models import PerfSummary
from perf.services.summaries import create_summary
from perf.tasks import start_summary

from .fake_llm import Step

QUEUED = 16


def database_url(settings_dict) -> str:
    """The URL of the database this test runs in (pytest-django's test database)."""
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return (
        f"postgres://{settings_dict['USER']}{password}@{settings_dict['HOST']}{port}"
        f"/{settings_dict['NAME']}"
    )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_write_each_of_many_queued_summaries_exactly_once(fake_llm, tmp_path):
    summaries = {}
    for number in range(QUEUED):
        user = make_user(language="en")
        make_entry(user, text=f"Shipped feature number {number}", date=datetime.date(2026, 3, 3))
        summary = create_summary(
            user, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31)
        )
        start_summary(summary)
        summaries[summary.pk] = number

    # The first two calls wait for each other: both workers are then provably at work at
    # once, whatever the order they start in.
    both_working = threading.Barrier(2, timeout=60)
    calls = Counter()

    def answer(body):
        number = int(re.search(r"feature number (\d+)", json.dumps(body)).group(1))
        calls[number] += 1
        if sum(calls.values()) <= 2:
            both_working.wait()
        return Step(text=json.dumps({"summary_text": f"Summary of {number}", "goals": []}))

    fake_llm.respond(answer)
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "PERFASSIST_DATA_DIR": str(tmp_path),
        "LLM_PROVIDER": "anthropic",
        "ANTHROPIC_API_KEY": "test-key",
        "ANTHROPIC_BASE_URL": fake_llm.url,
    }
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--batch",
                "--queue-name",
                "*",
                "--no-startup-delay",
                "--worker-id",
                f"worker-{n}",
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for n in (1, 2)
    ]
    for worker in workers:
        _out, errors = worker.communicate(timeout=180)
        assert worker.returncode == 0, errors

    assert calls == Counter(range(QUEUED))  # one LLM call for each summary, none twice
    for summary in PerfSummary.objects.all():
        assert summary.status == "done"
        assert summary.summary_text == f"Summary of {summaries[summary.pk]}"
    results = DBTaskResult.objects.all()
    assert results.count() == QUEUED
    assert {result.status for result in results} == {"SUCCESSFUL"}
    assert all(len(result.worker_ids) == 1 for result in results)  # none claimed twice
    ran_by = Counter(result.worker_ids[0] for result in results)
    assert set(ran_by) == {"worker-1", "worker-2"}, ran_by
    assert fake_llm.most_in_flight >= 2
