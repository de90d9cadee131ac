import pytest

from perf.llm import LLMConfig

from .fake_llm import FakeLLM


@pytest.fixture
def fake_llm():
    """A local server speaking the Anthropic and OpenAI wire protocols, scripted per test."""
    server = FakeLLM().start()
    yield server
    server.stop()


@pytest.fixture
def anthropic_config(fake_llm, monkeypatch):
    """The real anthropic SDK, pointed at the fake server."""
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_llm.url)
    return LLMConfig(provider="anthropic", anthropic_api_key="test-key", timeout=5, max_retries=2)
