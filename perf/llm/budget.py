"""How many tokens a prompt takes, estimated without a tokenizer, and how many it may take.

Measured against Claude's public BPE tokenizer (bench/summary.py fetches it): Cyrillic text
runs at about 1.7 characters a token, Latin text, digits and punctuation at about 4.
"""

import re

from .base import LLMConfig
from .prompts import system_prompt, user_prompt
from .schemas import SummaryRequest

CYRILLIC = re.compile("[\u0400-\u04ff]")

# Sized for the provider's usual models: Claude reads 200k tokens; local servers often
# run 8k contexts, of which the answer needs a good part.
DEFAULT_BUDGET = {"anthropic": 150_000, "openai": 6_000}


def estimate_tokens(text: str) -> int:
    cyrillic = len(CYRILLIC.findall(text))
    return round(cyrillic / 1.7 + (len(text) - cyrillic) / 4)


def prompt_tokens(request: SummaryRequest) -> int:
    return estimate_tokens(system_prompt(request)) + estimate_tokens(user_prompt(request))


def input_budget(config: LLMConfig) -> int | None:
    """The prompt size above which a period goes week by week; None: no limit (offline)."""
    provider = config.resolved_provider()
    if provider not in DEFAULT_BUDGET:
        return None
    return config.input_budget or DEFAULT_BUDGET[provider]


# An answer restates its entries as cited points, in a few words each, plus the goals'
# contexts and the narrative; this leaves it room, and a model that loops (a small local
# one inside a JSON schema) stops here instead of at LLMConfig.max_output_tokens.
ANSWER_BASE = 600
ANSWER_PER_ENTRY = 40  # the JSON around a point: keys, references
SHORTEST_ANSWER = 1000


def answer_tokens(request: SummaryRequest, ceiling: int) -> int:
    """Tokens the answer to `request` may take, at most `ceiling`."""
    texts = sum(estimate_tokens(entry.text) for entry in request.entries)
    wanted = ANSWER_BASE + round(1.5 * texts) + ANSWER_PER_ENTRY * len(request.entries)
    return min(ceiling, max(SHORTEST_ANSWER, wanted))


def rewrite_tokens(text: str, ceiling: int) -> int:
    """Tokens a polished rewrite of `text` may take, at most `ceiling`."""
    return min(ceiling, max(SHORTEST_ANSWER // 2, 300 + 2 * estimate_tokens(text)))
