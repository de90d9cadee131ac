"""A local HTTP server that speaks Anthropic's Messages API and OpenAI's chat completions.

Tests point the real SDKs at it (base_url) and script what it answers, failures included:
each scripted step is a status, a body or a delay. Requests are recorded so tests can read
exactly what the app sent.
"""

import dataclasses
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclasses.dataclass
class Step:
    status: int = 200
    text: str | None = None  # the model's answer text (JSON for a summary)
    delay: float = 0.0
    input_tokens: int = 100
    output_tokens: int = 50
    raw_body: str | None = None  # a body sent as is, for broken replies
    stop_reason: str = "end_turn"  # Anthropic's; OpenAI's finish_reason is derived from it


class FakeLLM:
    def __init__(self):
        self.steps: list[Step] = []
        self.requests: list[dict] = []
        self.responder = None  # body -> Step, when no step is scripted
        self.cached_prefixes: set[str] = set()  # Anthropic's prompt cache, as the API keeps it
        self.in_flight = self.most_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}"

    def script(self, *steps: Step):
        self.steps.extend(steps)

    def answer(self, payload, **fields):
        """Script one successful answer whose text is `payload` (JSON-encoded if not a str)."""
        text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        self.script(Step(text=text, **fields))

    def respond(self, responder):
        """Answer every unscripted request with `responder(request_body)`, a Step: for
        requests whose order is not known in advance (weeks written concurrently)."""
        self.responder = responder

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def _next_step(self, body) -> Step:
        with self._lock:
            if self.steps:
                return self.steps.pop(0)
        if self.responder:
            return self.responder(body)
        return Step(status=500, raw_body='{"error": "unscripted"}')

    def _handler(fake):  # noqa: N805 — the handler class closes over the fake
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                with fake._lock:
                    fake.requests.append(
                        {
                            "path": self.path,
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": body,
                        }
                    )
                    fake.in_flight += 1
                    fake.most_in_flight = max(fake.most_in_flight, fake.in_flight)
                try:
                    self._answer(body)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

            def _answer(self, body):
                step = fake._next_step(body)
                if step.delay:
                    time.sleep(step.delay)
                if self.path.endswith("/v1/messages"):
                    payload = step.raw_body or _anthropic_body(step, body, fake.cached_prefixes)
                elif self.path.endswith("/chat/completions"):
                    payload = step.raw_body or _openai_body(step, body)
                else:
                    step = Step(status=404)
                    payload = '{"error": "not found"}'
                data = payload.encode()
                try:
                    self.send_response(step.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    # Retries honour this: keep the tests fast.
                    self.send_header("retry-after-ms", "10")
                    self.send_header("retry-after", "0")
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        return Handler


def _text(content) -> str:
    """A prompt's text, whether sent as a string or as text blocks (prompt caching)."""
    if isinstance(content, str):
        return content
    return "".join(block.get("text", "") for block in content or [])


def system_of(body: dict) -> str:
    """The system prompt of an Anthropic request."""
    return _text(body.get("system"))


def prompt_of(body: dict) -> str:
    """The first user message of a request: the journal of a summary."""
    return _text(next(m["content"] for m in body["messages"] if m["role"] == "user"))


ANTHROPIC_ERRORS = {
    400: "invalid_request_error",
    401: "authentication_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def cached_prefix(request: dict) -> str:
    """The prompt up to its last block marked with cache_control ("" if none is), as the API
    caches it: the system blocks, then the messages' blocks in order."""
    blocks = list(request.get("system") or []) if isinstance(request.get("system"), list) else []
    for message in request.get("messages", []):
        content = message.get("content")
        blocks += content if isinstance(content, list) else [{"type": "text", "text": content}]
    marked = [i for i, block in enumerate(blocks) if block.get("cache_control")]
    return json.dumps(blocks[: marked[-1] + 1], sort_keys=True) if marked else ""


def _anthropic_body(step: Step, request: dict, cache: set) -> str:
    if step.status != 200:
        kind = ANTHROPIC_ERRORS.get(step.status, "api_error")
        return json.dumps({"type": "error", "error": {"type": kind, "message": f"fake {kind}"}})
    usage = {"input_tokens": step.input_tokens, "output_tokens": step.output_tokens}
    # What a repair can read from the cache is what its first request wrote there: the
    # marked blocks up to the first message (system prompt and journal).
    first = cached_prefix({**request, "messages": request.get("messages", [])[:1]})
    if first:
        tokens = len(first) // 4
        usage["cache_read_input_tokens" if first in cache else "cache_creation_input_tokens"] = (
            tokens
        )
        cache.add(first)
    return json.dumps(
        {
            "id": "msg_fake",
            "type": "message",
            "role": "assistant",
            "model": request.get("model", "fake"),
            "content": [{"type": "text", "text": step.text or ""}],
            "stop_reason": step.stop_reason,
            "stop_sequence": None,
            "usage": usage,
        }
    )


def _openai_body(step: Step, request: dict) -> str:
    if step.status != 200:
        return json.dumps(
            {"error": {"message": f"fake error {step.status}", "type": "server_error"}}
        )
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": step.text or "", "refusal": None},
                    "finish_reason": {"max_tokens": "length", "refusal": "content_filter"}.get(
                        step.stop_reason, "stop"
                    ),
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": step.input_tokens,
                "completion_tokens": step.output_tokens,
                "total_tokens": step.input_tokens + step.output_tokens,
            },
        }
    )
