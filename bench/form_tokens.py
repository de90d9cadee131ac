"""A five-question review form over a half-year against the C/O/O summary: calls and tokens.

Run from the repository root:

    .venv/bin/python bench/form_tokens.py [--budget 1000000] [--providers openai,anthropic]

For an English and a Russian journal (one user each: half a year of work notes, a few a
working day, plans and facts, some on goals by #tag) in a throwaway SQLite test database,
it writes through the real service (perf.services.run_summary) and the real SDKs, against
perf/tests/fake_llm.py on localhost:

1. the C/O/O summary of the period;
2. the built-in self-review form (perf.review_forms.find_form, five questions) of the same
   period. The fake answers every question with points citing real E-references and puts
   one answer over its character limit, so the one shorten call happens; it is its own row.

Prompt tokens are counted on what reached the server, the same way for every request: the
system prompt and the messages' text estimated as perf.llm.budget.estimate_tokens does
(and with Claude's public BPE tokenizer when bench/summary.py has cached it in
bench/results/; nothing is fetched). "reported" is what the app recorded from the server's
usage (the fake reports the estimate; Anthropic's adds its prompt-cache count, chars / 4).
"app est." is the app's own estimate of the first call (budget.prompt_tokens,
form_answers.form_prompt_tokens). Targets: the form's prompt tokens at most 1.3 x the
C/O/O summary's, and one call per form (two with the shorten). --budget is LLM_INPUT_BUDGET
(default: large, the direct route; 0: the providers' defaults, where a half-year may go
week by week). Missed targets print MISSED; the exit code is non-zero only when the
benchmark itself fails.
"""

import argparse
import datetime
import json
import os
import random
import re
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "bench"))

from pages import EN_EXTRAS, EN_PAIRS, RU_EXTRAS, RU_PAIRS, _fill  # noqa: E402
from throwaway import start_django  # noqa: E402

TARGET = 1.3
END = datetime.date(2026, 11, 22)  # a Sunday
START = END - datetime.timedelta(weeks=26) + datetime.timedelta(days=1)  # a Monday
GOALS = {
    "en": [("Reliable billing", "billing"), ("Search v2", "search"), ("Hiring", "hiring")],
    "ru": [("Надёжный биллинг", "billing"), ("Поиск v2", "search"), ("Найм", "hiring")],
}
FACT = re.compile(r"^([ES]\d+)(?: \(G[\d,G]+\))? (?!plan: )(.+)$")
QUESTION = re.compile(r"^(Q\d+) .*\((?:at most|не больше) (\d+) ")
SHORTEN_HEAD = re.compile(r"^(Q\d+) .*(?:limit|лимит) (\d+)$")
POINT = re.compile(r"^- (.+) \(([ES]\d+(?:, [ES]\d+)*)\)$")


def seed(user, language, rng):
    """A half-year journal: 3-5 entries a working day, about 40% plans, a third #tagged."""
    from journal.models import Entry
    from perf.models import Goal

    for title, slug in GOALS[language]:
        Goal.objects.create(user=user, title=title, slug=slug)
    pairs, extras = (RU_PAIRS, RU_EXTRAS) if language == "ru" else (EN_PAIRS, EN_EXTRAS)
    count = 0
    for offset in range((END - START).days + 1):
        day = START + datetime.timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for _ in range(rng.randint(3, 5)):
            plan, fact = rng.choice(pairs)
            kind = "plan" if rng.random() < 0.4 else "fact"
            text = _fill(plan if kind == "plan" else fact, rng)
            if rng.random() < 0.2:
                text += " " + rng.choice(extras)
            if rng.random() < 0.33:
                text += " #" + rng.choice(GOALS[language])[1]
            # Entry.save() links the #tag to its goal, as the app does.
            Entry.objects.create(user=user, date=day, type=kind, text=text)
            count += 1
    return count


def request_texts(body) -> tuple[str, str]:
    """(system prompt, every message's text) of an Anthropic or an OpenAI request."""
    from perf.tests.fake_llm import _text

    system = _text(body.get("system")) if "system" in body else ""
    parts = []
    for message in body["messages"]:
        if message["role"] == "system":
            system += _text(message["content"])
        else:
            parts.append(_text(message["content"]))
    return system, "\n".join(parts)


def kind_of(system: str) -> str:
    from perf.llm import prompts

    for kind, templates in [
        ("shorten", prompts.SHORTEN),
        ("form", prompts.FORM_SYSTEM),
        ("weekly", prompts.WEEK_SYSTEM),
        ("summary", prompts.SYSTEM),
    ]:
        if any(system.startswith(template.split("{")[0][:60]) for template in templates.values()):
            return kind
    return "other"


def facts_of(user_text: str) -> list[tuple[str, str]]:
    """(ref, text) of each fact (or weekly point) line sent, the #tag left in the text."""
    return [(m[1], m[2]) for line in user_text.splitlines() if (m := FACT.match(line))]


def point(ref, text):
    return {"text": " ".join(text.split()[:25]), "refs": [ref]}


def summary_answer(user_text):
    """C/O/O: per goal (#tag) five outputs and two outcomes citing its facts; the rest in
    one more goal."""
    groups = {}
    for ref, text in facts_of(user_text):
        tag = re.search(r"#(\w+)", text)
        groups.setdefault(tag[1] if tag else None, []).append((ref, text))
    goal_refs = dict(re.findall(r"^\[(G\d+)\] #(\w+)", user_text, re.M))
    by_tag = {tag: ref for ref, tag in goal_refs.items()}
    goals = []
    for tag, facts in groups.items():
        goals.append(
            {
                "goal_ref": by_tag.get(tag),
                "title": tag or "Other work",
                "context": f"Work on {tag or 'the rest'}.",
                "context_refs": [],
                "outputs": [point(*fact) for fact in facts[:5]],
                "outcomes": [point(*fact) for fact in facts[5:7]],
            }
        )
    return {"goals": goals, "summary_text": "A half-year of steady delivery."}


def form_answer(user_text):
    """Every question gets points citing its own facts, half its limit's worth; Q1 goes
    over its limit on purpose, so the layer sends it back once to be shortened."""
    questions = [
        (m[1], int(m[2])) for line in user_text.splitlines() if (m := QUESTION.match(line))
    ]
    facts = iter(facts_of(user_text))
    answers = []
    for number, (ref, limit) in enumerate(questions):
        wanted = limit + 300 if number == 0 else limit // 2
        points, length = [], 0
        while length < wanted and (fact := next(facts, None)):
            points.append(point(*fact))
            length += len(points[-1]["text"]) + 1
        answers.append({"question_ref": ref, "points": points})
    return {"answers": answers}


def shorten_answer(user_text):
    """Each answer sent back, its first points up to 80% of the limit, refs kept."""
    answers, limit, length = [], 0, 0
    for line in user_text.splitlines():
        if head := SHORTEN_HEAD.match(line):
            answers.append({"question_ref": head[1], "points": []})
            limit, length = int(head[2]), 0
        elif (item := POINT.match(line)) and length + len(item[1]) + 1 <= 0.8 * limit:
            answers[-1]["points"].append({"text": item[1], "refs": item[2].split(", ")})
            length += len(item[1]) + 1
    return {"answers": answers}


def week_answer(user_text):
    facts = facts_of(user_text)
    chunks = [facts[i : i + 4] for i in range(0, len(facts), 4)][:6] or [[("E1", "work")]]
    bullets = [{"text": chunk[0][1], "refs": [ref for ref, _ in chunk]} for chunk in chunks]
    return {"bullets": bullets}


def make_responder(outputs):
    """The fake model; `outputs` gets (kind, output tokens) of each answer."""
    from perf.llm.budget import estimate_tokens
    from perf.tests.fake_llm import Step

    answer_for = {
        "summary": summary_answer,
        "form": form_answer,
        "shorten": shorten_answer,
        "weekly": week_answer,
    }

    def respond(body):
        system, user_text = request_texts(body)
        kind = kind_of(system)
        if kind not in answer_for:
            return Step(status=500, raw_body='{"error": "unrecognised request"}')
        text = json.dumps(answer_for[kind](user_text), ensure_ascii=False)
        sent = estimate_tokens(system) + estimate_tokens(user_text)
        outputs.append((kind, estimate_tokens(text)))
        # Anthropic's usage adds the fake's prompt-cache count (all of this prompt) to it.
        reported = 0 if "system" in body else sent
        return Step(text=text, input_tokens=reported, output_tokens=estimate_tokens(text))

    return respond


def bpe_counter():
    """Claude's public tokenizer when bench/summary.py has cached it; None otherwise."""
    cached = REPO_ROOT / "bench" / "results" / "claude-tokenizer.json"
    try:
        from tokenizers import Tokenizer
    except ImportError:
        return None
    if not cached.exists():
        return None
    tokenizer = Tokenizer.from_file(str(cached))
    return lambda text: len(tokenizer.encode(text).ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=1_000_000, help="LLM_INPUT_BUDGET")
    parser.add_argument("--providers", default="openai,anthropic")
    args = parser.parse_args()

    start_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from conftest import make_user
    from perf.llm import LLMConfig
    from perf.llm.budget import DEFAULT_BUDGET, estimate_tokens, prompt_tokens
    from perf.llm.form_answers import form_prompt_tokens
    from perf.review_forms import find_form
    from perf.services.summaries import build_request, create_summary, run_summary
    from perf.tests.fake_llm import FakeLLM

    setup_test_environment(debug=False)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    fake = FakeLLM().start()
    outputs = []
    fake.respond(make_responder(outputs))
    os.environ["ANTHROPIC_BASE_URL"] = fake.url
    bpe = bpe_counter()
    configs = {
        "openai": LLMConfig(
            provider="openai", openai_base_url=fake.url + "/v1", model="bench",
            max_retries=0, input_budget=args.budget,
        ),
        "anthropic": LLMConfig(
            provider="anthropic", anthropic_api_key="bench", max_retries=0,
            input_budget=args.budget,
        ),
    }  # fmt: skip
    providers = [name.strip() for name in args.providers.split(",") if name.strip()]

    def measure(summary, config):
        """Run it; per kind of request [calls, tokens sent, BPE tokens, output]; the summary."""
        fake.requests.clear()
        outputs.clear()
        summary = run_summary(summary, config)
        if summary.status != "done":
            raise SystemExit(f"the run failed: {summary.error}")
        kinds = {}
        for sent in fake.requests:
            system, user_text = request_texts(sent["body"])
            row = kinds.setdefault(kind_of(system), [0, 0, 0, 0])
            row[0] += 1
            row[1] += estimate_tokens(system) + estimate_tokens(user_text)
            row[2] += bpe(system) + bpe(user_text) if bpe else 0
        for kind, tokens in outputs:
            kinds[kind][3] += tokens
        return kinds, summary

    header = (
        f"{'run':<30} {'calls':>5} {'weekly':>6} {'prompt':>8} {'BPE':>8} {'reported':>8} "
        f"{'app est.':>8} {'output':>7}"
    )
    missed = []
    started = time.perf_counter()
    for language in ("en", "ru"):
        user = make_user(f"bench-{language}", language=language, role="engineer")
        entries = seed(user, language, random.Random(20261124))
        form = find_form(user, "self-review", language, "engineer")
        assert form and len(form.questions) == 5, form
        for provider in providers:
            config = configs[provider]
            coo = create_summary(user, start=START, end=END, language=language)
            request = build_request(coo)[0]
            coo_estimate = prompt_tokens(request)
            coo_kinds, coo = measure(coo, config)
            written = create_summary(user, start=START, end=END, language=language, form=form)
            form_estimate = form_prompt_tokens(build_request(written)[0])
            form_kinds, written = measure(written, config)

            facts = sum(entry.type == "fact" for entry in request.entries)
            print(
                f"\n{language.upper()} journal, {provider}: {entries} entries ({facts} facts), "
                f"{START} – {END}, {len(form.questions)}-question '{form.name}'; "
                f"LLM_INPUT_BUDGET={config.input_budget or DEFAULT_BUDGET[provider]}"
            )
            print(header)
            blank = (0, 0, 0, 0)

            def line(label, calls, weekly, sent, bpe_sent, reported, estimate, output):
                bpe_text = str(bpe_sent) if bpe else "-"
                print(
                    f"{label:<30} {calls:>5} {weekly:>6} {sent:>8} {bpe_text:>8} "
                    f"{reported or '-':>8} {estimate or '-':>8} {output:>7}"
                )

            coo_row = [sum(k[i] for k in coo_kinds.values()) for i in range(4)]
            weekly = coo_kinds.get("weekly", blank)[0]
            line("a. C/O/O summary", coo_row[0], weekly, coo_row[1], coo_row[2],
                 coo.input_tokens, coo_estimate, coo.output_tokens)  # fmt: skip
            answers = form_kinds.get("form", blank)
            shorten = form_kinds.get("shorten", blank)
            line("b. form: the answers call", answers[0], 0, answers[1], answers[2], 0,
                 form_estimate, answers[3])  # fmt: skip
            line("   form: the shorten call", shorten[0], 0, shorten[1], shorten[2], 0, 0,
                 shorten[3])  # fmt: skip
            form_row = [sum(k[i] for k in form_kinds.values()) for i in range(4)]
            form_weekly = form_kinds.get("weekly", blank)[0]
            line("   form: total", form_row[0], form_weekly, form_row[1], form_row[2],
                 written.input_tokens, form_estimate, written.output_tokens)  # fmt: skip

            reviews = list(written.goal_reviews.order_by("position").prefetch_related("points"))
            answered = sum(1 for review in reviews if review.points.exists())
            for label, value in [("answers call", answers[1]), ("total", form_row[1])]:
                ratio = value / coo_row[1]
                verdict = "ok" if ratio <= TARGET else "MISSED"
                if verdict == "MISSED":
                    missed.append(f"{language}/{provider} {label} ratio")
                print(f"form/C-O-O prompt tokens, {label}: {ratio:.3f} (target <={TARGET}x: "
                      f"{verdict})")  # fmt: skip
            if bpe and coo_row[2]:
                print(f"  (by Claude BPE: answers call {answers[2] / coo_row[2]:.3f}, "
                      f"total {form_row[2] / coo_row[2]:.3f})")  # fmt: skip
            verdict = "ok" if (answers[0], shorten[0], written.llm_calls) == (1, 1, 2) else "MISSED"
            if verdict == "MISSED":
                missed.append(f"{language}/{provider} calls")
            print(
                f"calls per form: {answers[0]} ({answers[0] + shorten[0]} with a shorten; "
                f"recorded llm_calls={written.llm_calls}; weekly {form_weekly}) "
                f"(target 1, 2 with a shorten): {verdict}"
            )
            print(f"answers saved: {answered} of {len(reviews)} with points")
            if coo.weeks_used or written.weeks_used:
                print(f"weekly route: C/O/O wrote {coo.weeks_used - coo.weeks_reused} weeks; "
                      f"the form used {written.weeks_used}, {written.weeks_reused} of them "
                      "reused from the C/O/O run (so its ratio leaves them out)")  # fmt: skip
            default = DEFAULT_BUDGET[provider]
            if (config.input_budget or default) != default and coo_estimate > default:
                print(f"note: {coo_estimate} > {provider}'s default LLM_INPUT_BUDGET {default}:"
                      " with it this period goes week by week (--budget 0)")  # fmt: skip
    fake.stop()
    print(f"\n{time.perf_counter() - started:.1f} s; "
          + (f"MISSED: {', '.join(missed)}" if missed else "all targets met"))  # fmt: skip


if __name__ == "__main__":
    main()
