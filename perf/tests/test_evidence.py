import datetime

import pytest

from conftest import make_entry, make_goal, make_user, make_written_summary
from perf.llm import LLMConfig
from perf.services.evidence import evidence, unused_facts

pytestmark = pytest.mark.django_db
D = datetime.date


def test_evidence_groups_facts_and_lists_what_is_missing():
    user = make_user()
    billing = make_goal(user=user, title="Billing", slug="billing")
    quiet = make_goal(user=user, title="Quiet goal", slug="quiet")
    make_goal(user=user, title="Dropped", slug="old", status="dropped")
    plan = make_entry(user, type="plan", text="Ship Kafka", date=D(2026, 3, 2))
    done = make_entry(
        user, type="fact", text="Shipped #billing", date=D(2026, 3, 3), fulfils_plan=plan
    )
    open_plan = make_entry(user, type="plan", text="Write the RFC", date=D(2026, 3, 4))
    loose = make_entry(user, type="fact", text="Mostly meetings", date=D(2026, 3, 25))

    found = evidence(user, D(2026, 3, 1), D(2026, 3, 31), exclude_ids=[loose.pk])

    assert found["groups"] == [(billing, [done]), (None, [loose])]
    assert found["groups"][1][1][0].excluded is True
    assert found["open_plans"] == [open_plan]
    assert found["goals_without_evidence"] == [quiet]
    assert found["gaps"] == [(D(2026, 3, 4), D(2026, 3, 24))]
    assert found["fact_count"] == 2


def test_a_period_without_facts_is_one_long_gap():
    user = make_user()

    found = evidence(user, D(2026, 3, 1), D(2026, 3, 31))

    assert found["gaps"] == [(D(2026, 3, 1), D(2026, 3, 31))]


def test_unused_facts_are_those_no_bullet_cites(fake_llm, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    user = make_user()
    make_entry(user, type="fact", text="Shipped search", date=D(2026, 3, 3))
    forgotten = make_entry(user, type="fact", text="Fixed the flaky test", date=D(2026, 3, 4))
    fake_llm.answer(
        {
            "summary_text": "ok",
            "goals": [
                {
                    "goal_ref": None,
                    "title": "Search",
                    "context": "",
                    "context_refs": [],
                    "outputs": [{"text": "Shipped search", "refs": ["E1"]}],
                    "outcomes": [],
                }
            ],
        }
    )
    summary = make_written_summary(
        user, config=LLMConfig(provider="anthropic", anthropic_api_key="k")
    )

    assert unused_facts(summary) == [forgotten]
