"""Fixtures perfassist's tests share with perf's."""

from perf.tests.conftest import fake_llm  # noqa: F401 — a local model server for the fault suite
