"""A review form answered without AI: each question gets the facts that share its words
(stemmed, in either language) or its theme, each quoted as a point citing its own entry,
within its limit; generic questions get the strongest facts; a question nothing speaks to
gets no points."""

import datetime

from perf.llm import LLMConfig, generate_answers
from perf.llm.form_answers import answer_text
from perf.llm.schemas import EntryData, GoalData, KeptPoint, QuestionData, SummaryRequest

D = datetime.date
OFFLINE = LLMConfig(provider="offline")
FACTS = [
    "Moved billing events to Kafka, lag from 40 s to 2 s",
    "Wrote the billing runbook for on-call",
    "Reviewed 3 PRs for the search team",
    "Paired with Dana on the invoice consumer memory leak",
    "Upgraded Elasticsearch to version 8 across search clusters",
    "Interviewed two backend candidates",
]


def request_of(questions, facts=FACTS, language="en", **fields):
    entries = [
        EntryData(ref=f"E{n}", date=D(2026, 3, n), type="fact", text=text)
        for n, text in enumerate(facts, 1)
    ]
    entries.append(EntryData(ref="E99", date=D(2026, 3, 20), type="plan", text="Security audit"))
    return SummaryRequest(
        period_start=D(2026, 3, 1),
        period_end=D(2026, 3, 31),
        role="engineer",
        language=language,
        entries=entries,
        questions=[
            QuestionData(ref=f"Q{n}", **question) for n, question in enumerate(questions, 1)
        ],
        **fields,
    )


def cited(result):
    return [
        [ref for point in answer.points for ref in point.entry_refs] for answer in result.answers
    ]


def test_it_picks_facts_by_the_question_s_words_and_guidance():
    result = generate_answers(
        request_of(
            [
                {"text": "What did you do for search?", "guidance": "Elasticsearch upgrades"},
                {"text": "Tell us about billing"},
            ]
        ),
        OFFLINE,
    )

    assert cited(result) == [["E5", "E3"], ["E1", "E2"]]
    assert result.answers[1].points[0].text == FACTS[0]  # quoted as the summary quotes it
    assert not result.is_ai and result.provider == "offline" and result.llm_calls == 0


def test_a_question_nothing_speaks_to_gets_no_points_and_plans_are_no_evidence():
    result = generate_answers(request_of([{"text": "What did you do for security?"}]), OFFLINE)

    assert result.answers[0].points == []


def test_a_generic_question_gets_the_strongest_facts_first():
    result = generate_answers(
        request_of([{"text": "What were your most important accomplishments?"}]), OFFLINE
    )

    refs = cited(result)[0]
    assert refs[0] == "E1"  # the measured result
    assert len(refs) == 6  # no limit: up to six points


def test_themes_match_facts_in_other_words():
    result = generate_answers(
        request_of(
            [
                {"text": "How did you collaborate with others?"},
                {"text": "Where did you show leadership?"},
            ]
        ),
        OFFLINE,
    )

    collaboration, leadership = cited(result)
    assert {"E3", "E4"} <= set(collaboration)  # reviews, pairing
    assert leadership == ["E6"]  # interviewing


def test_points_are_added_while_within_the_limit_and_a_long_fact_is_cut():
    long_fact = "Moved billing events to Kafka. " + "It took many careful steps. " * 8
    result = generate_answers(
        request_of(
            [{"text": "Billing work", "limit": 100}, {"text": "Search work", "limit": 120}],
            facts=[long_fact, *FACTS[1:]],
        ),
        OFFLINE,
    )

    for answer, limit in zip(result.answers, (100, 120), strict=True):
        assert len(answer_text([p.text for p in answer.points])) <= limit
    billing = result.answers[0]
    assert billing.cut and billing.points[0].text.startswith("Moved billing events to Kafka.")
    assert not result.answers[1].cut


def test_answers_share_the_facts_out_and_reuse_one_only_when_nothing_else_fits():
    result = generate_answers(
        request_of(
            [
                {"text": "What did you do on billing?", "limit": 60},
                {"text": "Kafka lag", "limit": 60},
                {"text": "Kafka", "limit": 60},
            ]
        ),
        OFFLINE,
    )

    # Kafka is only in E1: those questions choose first, the second takes it again, since
    # nothing else answers it; billing, which E2 answers too, gets E2.
    assert cited(result) == [["E2"], ["E1"], ["E1"]]


def test_russian_questions_match_russian_and_latin_facts_by_stems():
    facts = ["Перевёл события биллинга на Kafka", "Провёл ревью дизайна платёжного шлюза"]
    result = generate_answers(
        request_of([{"text": "Что вы сделали по биллингу и кафке?"}], facts=facts, language="ru"),
        OFFLINE,
    )

    assert cited(result) == [["E1"]]


def test_the_user_s_kept_and_removed_points_facts_are_not_drafted_again():
    removed = KeptPoint(section="Billing work", kind="output", text="x", refs=["E1"])
    result = generate_answers(request_of([{"text": "Billing work"}], removed=[removed]), OFFLINE)

    assert cited(result) == [["E2"]]


def test_a_goal_s_title_counts_as_the_words_of_its_facts():
    result = generate_answers(
        request_of(
            [{"text": "Reliability"}],
            facts=["Wrote the runbook #billing"],
            goals=[GoalData(ref="G1", title="Billing reliability", tag="billing")],
        ),
        OFFLINE,
    )

    assert cited(result) == [["E1"]]


def test_a_question_about_what_no_fact_names_gets_nothing_even_in_generic_words():
    result = generate_answers(
        request_of(
            [
                {"text": "How did you contribute to the mobile app redesign?", "limit": 500},
                {"text": "What were your most important accomplishments?", "limit": 2000},
            ]
        ),
        OFFLINE,
    )

    redesign, accomplishments = cited(result)
    assert redesign == []  # no fact of mobile or a redesign: "contribute" is no subject
    assert 0 < len(accomplishments) <= 6  # the strongest facts, not the whole period


def test_a_leadership_question_gets_the_facts_that_lead_not_those_its_guidance_echoes():
    facts = [*FACTS, "Mentored Lee through the first on-call week", "Cut p95 latency of search"]
    question = {
        "text": "People leadership: how did you grow and support your team?",
        "guidance": "People you coached into bigger roles, feedback and performance problems",
    }

    result = generate_answers(request_of([question], facts=facts), OFFLINE)

    picked = cited(result)[0]
    assert picked[0] == "E7" and "E6" in picked  # the mentoring first, the interviews too


def test_generic_questions_in_other_words_still_get_the_strongest_facts():
    questions = [
        {"text": "What were your major accomplishments and their impact on the business?"},
        {"text": "Summarize your key contributions to the company."},
        {"text": "Чем вы больше всего гордитесь?"},
        {"text": "Каких основных результатов вы добились?"},
    ]

    for question in questions:
        result = generate_answers(request_of([question]), OFFLINE)
        assert cited(result)[0], question  # not "no entry speaks to this"
