import dataclasses

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class LLMError(Exception):
    """A generation that failed, with a reason a user can read and act on."""


def overdue_reason(seconds: float) -> str:
    """Why a generation that passed its deadline (LLMConfig.stage_seconds) failed."""
    return _(
        "The model took longer than one generation may take (%(seconds)s s: LLM_TIMEOUT for "
        "each try, LLM_MAX_RETRIES retries and one repair). Nothing was saved; try again, a "
        "shorter period, or a faster model."
    ) % {"seconds": f"{seconds:g}"}


def timeout_reason(config: "LLMConfig") -> str:
    """Why a call whose every try ran out of LLM_TIMEOUT failed."""
    tries = config.max_retries + 1
    return ngettext(
        "The model did not answer within %(timeout)s s (LLM_TIMEOUT), on its one try "
        "(LLM_MAX_RETRIES=%(retries)s). Try again, or raise LLM_TIMEOUT.",
        "The model did not answer within %(timeout)s s (LLM_TIMEOUT) on any of %(tries)s "
        "tries (LLM_MAX_RETRIES=%(retries)s). Try again, or raise LLM_TIMEOUT.",
        tries,
    ) % {"timeout": f"{config.timeout:g}", "tries": tries, "retries": config.max_retries}


@dataclasses.dataclass(frozen=True)
class LLMConfig:
    provider: str = "auto"  # anthropic | openai | offline | auto
    model: str = ""
    timeout: float = 120.0
    max_retries: int = 2
    anthropic_api_key: str = ""
    openai_base_url: str = ""
    openai_api_key: str = ""
    openai_json_mode: str = ""  # json_schema | json_object | none; "" or auto: detected
    max_output_tokens: int = 8000
    input_budget: int = 0  # prompt tokens before a period goes week by week; 0: the default
    concurrency: int = 4  # weekly summaries written at once
    # The variables that set the server and the model, for reasons that say what to change:
    # LOCAL_AI_URL and LOCAL_MODEL on compose's local-ai route (config.llm_config).
    server_setting: str = "OPENAI_BASE_URL"
    model_setting: str = "LLM_MODEL"

    @property
    def local_ai(self) -> bool:
        return self.server_setting == "LOCAL_AI_URL"

    @property
    def stage_seconds(self) -> float:
        """The longest one generation may take: every try of the first answer
        (LLM_TIMEOUT each, LLM_MAX_RETRIES retries, with the SDKs' pauses between them),
        then one repair."""
        pauses = sum(min(0.5 * 2**retry, 8.0) for retry in range(self.max_retries))
        return self.timeout * (self.max_retries + 2) + pauses

    def resolved_provider(self) -> str:
        if self.provider != "auto":
            return self.provider
        if self.anthropic_api_key:
            return "anthropic"
        if self.openai_base_url:
            return "openai"
        return "offline"
