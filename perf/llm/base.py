import dataclasses


class LLMError(Exception):
    """A generation that failed, with a reason a user can read and act on."""


@dataclasses.dataclass(frozen=True)
class LLMConfig:
    provider: str = "auto"  # anthropic | openai | offline | auto
    model: str = ""
    timeout: float = 120.0
    max_retries: int = 2
    anthropic_api_key: str = ""
    openai_base_url: str = ""
    openai_api_key: str = ""
    openai_json_mode: str = "json_schema"  # json_schema | json_object | none
    max_output_tokens: int = 8000
    input_budget: int = 0  # prompt tokens before a period goes week by week; 0: the default
    concurrency: int = 4  # weekly summaries written at once

    def resolved_provider(self) -> str:
        if self.provider != "auto":
            return self.provider
        if self.anthropic_api_key:
            return "anthropic"
        if self.openai_base_url:
            return "openai"
        return "offline"
