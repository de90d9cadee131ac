import pytest

from .fake_llm import FakeLLM


@pytest.fixture
def fake_llm():
    """A local server speaking the Anthropic and OpenAI wire protocols, scripted per test."""
    server = FakeLLM().start()
    yield server
    server.stop()
