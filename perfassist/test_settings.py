"""The test suite's settings: perfassist.settings read from an environment that holds none
of the app's variables but DATABASE_URL, and no .env, so that `make test` passes whatever
the shell exports (an LLM key, LLM_PROVIDER=offline, LANGUAGE_CODE=ru …), and never
touches the install's data directory (a temporary one instead).

The variables are the ones .env.example documents, and every LLM_*, ANTHROPIC_* and
OPENAI_* (the SDKs read some of those themselves). Processes the tests start inherit the
cleaned environment, and what a test adds to it for them (a fake model's address) stays.
"""

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

KEPT = {"DATABASE_URL"}
PREFIXES = ("LLM_", "ANTHROPIC_", "OPENAI_")
CLEANED = "PERFASSIST_TEST_ENVIRONMENT"


def documented_variables() -> set[str]:
    example = (Path(__file__).resolve().parent.parent / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.M))


def clean_environment(environ=os.environ) -> None:
    if environ.get(CLEANED) == "1":
        return  # a process a test started: its environment is the one the test gave it
    for name in list(environ):
        if name not in KEPT and (name.startswith(PREFIXES) or name in documented_variables()):
            del environ[name]
    environ["PERFASSIST_ENV_FILE"] = ""
    # Nor the install's data directory: its key and database are the user's.
    data_dir = tempfile.mkdtemp(prefix="perfassist-tests-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    environ["PERFASSIST_DATA_DIR"] = data_dir
    environ[CLEANED] = "1"


clean_environment()

from .settings import *  # noqa: E402, F403
