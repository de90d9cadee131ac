"""What the tests of hostile import files share: a spoilt journal written out as JSON, a
check that a user has nothing, and the command's refusal, the same from its dry run."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError

from journal.models import Entry
from perf.models import Goal, PerfSummary, WeekSummary

from .journal_io import import_file


def nothing_of(user) -> bool:
    return not any(
        model.objects.filter(user=user).exists()
        for model in (Entry, Goal, PerfSummary, WeekSummary)
    )


def refused(user, path) -> str:
    """The command's refusal, the same from a dry run, and nothing written by either."""
    messages = []
    for dry_run in (True, False):
        with pytest.raises(CommandError) as error:
            import_file(user, path, dry_run=dry_run)
        messages.append(str(error.value))
        assert nothing_of(user)
    assert messages[0] == messages[1]
    assert messages[0].startswith("Nothing was imported.")
    return messages[0]


def write_json(tmp_path, data) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data))  # ensure_ascii: a lone surrogate travels as \ud800
    return path
