"""Settings → LLM: staff see what the app asks and where each value came from, and "Test
the connection" sends one tiny request from the worker, then shows the time, the reply and
whether it fitted its schema, or the reason a summary would give. Against the fake server
through the real openai SDK, with the real worker command."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import make_user
from perf.connection_checks import ConnectionCheck

from .fake_llm import Step

HTMX = {"HTTP_HX_REQUEST": "true"}
# The worker command sweeps from a thread of its own, with its own connection: on
# PostgreSQL that one waits on rows a test's open transaction holds, so tests that run the
# worker commit as they go.
RUNS_THE_WORKER = pytest.mark.django_db(transaction=True)
OK = {"reply": "OK"}


@pytest.fixture
def staff_client(client, db):
    admin = make_user("root")
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    return client


@pytest.fixture
def model_server(settings, fake_llm):
    settings.LLM_PROVIDER = "openai"
    settings.OPENAI_BASE_URL = fake_llm.url + "/v1"
    settings.LLM_MODEL = "qwen"
    settings.LLM_TIMEOUT = 2.0
    settings.LLM_MAX_RETRIES = 0
    return fake_llm


def refuses_json_schema_then_answers(server):
    """A server that does not take json_schema (llama.cpp's), then answers in JSON mode."""
    refusal = {"error": {"message": "Unsupported response_format type: json_schema"}}
    server.script(Step(status=400, raw_body=json.dumps(refusal)))
    server.answer(OK)


def run_worker():
    call_command(
        "run_worker", "--batch", "--queue-name", "*", "--no-startup-delay",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip


def press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks):
    """Press the button, let the worker run, read the outcome as htmx polls it."""
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("perf:llm-test"), **HTMX)
    assert response.status_code == 200
    check = ConnectionCheck.objects.get()
    assert "Waiting for the worker" in response.text and "every 1s" in response.text
    run_worker()
    return staff_client.get(reverse("perf:llm-check", args=[check.pk]), **HTMX)


def test_other_users_may_not_see_or_use_the_llm_page(client, db):
    client.force_login(make_user("alice"))

    assert client.get(reverse("perf:llm-settings")).status_code == 403
    assert client.post(reverse("perf:llm-test")).status_code == 403
    assert not ConnectionCheck.objects.exists()


def test_the_page_shows_the_settings_in_use_and_where_they_came_from(
    staff_client, model_server, monkeypatch
):
    monkeypatch.setenv("LLM_MODEL", "qwen")
    monkeypatch.delenv("LLM_TIMEOUT", raising=False)

    page = staff_client.get(reverse("perf:llm-settings")).text

    rows = {
        name: (value, source)
        for name, value, source in [
            (r["setting"].name, r["setting"].value, str(r["source"]))
            for r in staff_client.get(reverse("perf:llm-settings")).context["rows"]
        ]
    }
    assert rows["LLM_PROVIDER"][0] == "openai"
    assert rows["LLM_MODEL"] == ("qwen", "environment")
    assert rows["OPENAI_BASE_URL"][0] == model_server.url + "/v1"
    assert rows["OPENAI_JSON_MODE"][0] == "auto"
    assert rows["LLM_TIMEOUT"] == ("2", "default")
    assert rows["LLM_INPUT_BUDGET"][0] == "6000"
    assert "6,000" in page
    assert "One generation may take up to 4\u00a0s" in page  # 2 s, no retry, one repair
    assert "not known yet: a connection test that gets an answer finds out" in page
    assert not ConnectionCheck.objects.exists()  # a GET writes nothing


@RUNS_THE_WORKER
def test_a_working_server_answers_with_its_time_reply_and_schema(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    model_server.answer(OK)

    result = press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    check = ConnectionCheck.objects.get()
    assert (check.status, check.provider, check.model, check.json_mode) == (
        "done", "openai", "qwen", "json_schema",
    )  # fmt: skip
    assert json.loads(check.reply) == OK and check.schema_valid is True
    assert "It works: answered in" in result.text and "every 1s" not in result.text
    sent = model_server.requests[0]["body"]
    assert sent["max_tokens"] <= 200 and sent["response_format"]["type"] == "json_schema"
    page = staff_client.get(reverse("perf:llm-settings")).text
    assert "supported: the server takes the schema as the response format" in page


@RUNS_THE_WORKER
def test_a_wrong_key_names_the_setting_to_change(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    model_server.script(Step(status=401, raw_body='{"error": {"message": "bad key"}}'))

    result = press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    check = ConnectionCheck.objects.get()
    assert check.status == "failed"
    assert check.error == "The model server refused the API key (401). Check OPENAI_API_KEY."
    assert "Check OPENAI_API_KEY" in result.text and 'role="alert"' in result.text


@RUNS_THE_WORKER
def test_a_server_that_does_not_answer_in_time_names_llm_timeout(
    staff_client, model_server, settings, django_capture_on_commit_callbacks
):
    settings.LLM_TIMEOUT = 0.3
    model_server.script(Step(text=json.dumps(OK), delay=1.5))

    press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    check = ConnectionCheck.objects.get()
    assert check.status == "failed"
    assert "did not answer within 0.3 s" in check.error and "LLM_TIMEOUT" in check.error


@RUNS_THE_WORKER
def test_a_server_refusing_json_schema_is_found_to_take_json_object(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    refuses_json_schema_then_answers(model_server)

    result = press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    check = ConnectionCheck.objects.get()
    assert (check.status, check.json_mode, check.schema_valid) == ("done", "json_object", True)
    assert "json_object" in result.text
    page = staff_client.get(reverse("perf:llm-settings")).text
    assert "found: json_object" in page
    assert "not supported: the server takes JSON mode (json_object)" in page


@RUNS_THE_WORKER
def test_a_reply_that_does_not_fit_the_schema_is_shown_and_fails(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    model_server.answer("Sure! OK.")

    result = press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    check = ConnectionCheck.objects.get()
    assert (check.status, check.reply, check.schema_valid) == ("failed", "Sure! OK.", False)
    assert "not with JSON that fits the schema" in check.error and "LLM_MODEL" in check.error
    assert "Sure! OK." in result.text
    assert len(model_server.requests) == 1  # a connection test asks once, no repair


@RUNS_THE_WORKER
def test_without_a_model_there_is_nothing_to_test(
    staff_client, settings, django_capture_on_commit_callbacks
):
    settings.LLM_PROVIDER = "offline"

    result = press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    assert ConnectionCheck.objects.get().status == "done"
    assert "Nothing to test: no model is configured" in result.text


def test_settings_says_to_everyone_who_writes_the_summaries(client, settings, db):
    settings.LLM_PROVIDER = "offline"
    client.force_login(make_user("alice"))

    page = client.get(reverse("journal:profile")).text

    assert "without AI: nothing is sent anywhere" in page
    assert reverse("perf:llm-settings") not in page


def test_staff_find_the_llm_page_from_settings(staff_client, model_server):
    page = staff_client.get(reverse("journal:profile")).text

    assert "Summaries on this server are written by qwen" in page
    assert reverse("perf:llm-settings") in page


def test_a_test_whose_worker_died_ends_failed(staff_client, model_server, settings):
    from django.utils import timezone

    from perf.runs import fail_dead_runs

    staff_client.post(reverse("perf:llm-test"))
    long_ago = timezone.now() - timezone.timedelta(seconds=settings.RUN_STALE_SECONDS + 5)
    ConnectionCheck.objects.update(status="running", started_at=long_ago, heartbeat_at=long_ago)

    assert fail_dead_runs() == 1
    assert "stopped before it was done" in ConnectionCheck.objects.get().error


@RUNS_THE_WORKER
def test_the_finished_test_updates_what_the_page_says_of_json_schema(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    refuses_json_schema_then_answers(model_server)

    result = press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)

    # The settings' section comes again, out of band, with the mode found.
    assert 'id="llm-in-use" hx-swap-oob="true"' in result.text
    assert "found: json_object" in result.text


def test_pressing_again_while_a_test_waits_queues_no_second_one(staff_client, model_server):
    staff_client.post(reverse("perf:llm-test"), **HTMX)
    staff_client.post(reverse("perf:llm-test"), **HTMX)

    assert ConnectionCheck.objects.count() == 1


@RUNS_THE_WORKER
def test_a_test_of_other_settings_than_those_in_use_says_so(
    staff_client, model_server, settings, django_capture_on_commit_callbacks
):
    model_server.answer(OK)
    press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)
    settings.LLM_MODEL = "llama3.2"

    page = staff_client.get(reverse("perf:llm-settings")).text

    assert "That test was of other settings than those in use now: test again." in page


def test_a_key_shows_only_its_last_characters_and_values_say_if_dotenv_set_them(
    staff_client, model_server, settings, monkeypatch
):
    settings.OPENAI_API_KEY = "sk-local-0123456789abcd"
    monkeypatch.setenv("OPENAI_API_KEY", settings.OPENAI_API_KEY)
    monkeypatch.setenv("LLM_TIMEOUT", "2")
    settings.ENV_FILE_NAMES = frozenset({"LLM_TIMEOUT"})

    response = staff_client.get(reverse("perf:llm-settings"))

    rows = {r["setting"].name: (r["setting"].value, r["source"]) for r in response.context["rows"]}
    assert rows["OPENAI_API_KEY"] == ("••••abcd", "environment")
    assert rows["LLM_TIMEOUT"] == ("2", ".env file")
    assert "0123456789" not in response.text


def test_without_a_model_the_page_says_how_to_have_one(staff_client, settings):
    settings.LLM_PROVIDER = "offline"

    page = staff_client.get(reverse("perf:llm-settings")).text

    assert "docker compose --profile local-ai up -d" in page
    assert "OPENAI_BASE_URL" in page and "ANTHROPIC_API_KEY" in page


def test_a_test_no_worker_took_says_to_check_the_worker(staff_client, model_server):
    from django.utils import timezone

    staff_client.post(reverse("perf:llm-test"))
    ConnectionCheck.objects.update(created_at=timezone.now() - timezone.timedelta(seconds=40))
    check = ConnectionCheck.objects.get()

    result = staff_client.get(reverse("perf:llm-check", args=[check.pk]), **HTMX)

    assert "No worker has taken it in 40 s." in result.text


def test_a_json_mode_set_by_hand_is_said_to_be_set_not_detected(
    staff_client, model_server, settings
):
    settings.OPENAI_JSON_MODE = "json_object"

    page = staff_client.get(reverse("perf:llm-settings")).text

    assert "not detected: OPENAI_JSON_MODE sets it to json_object" in page


def test_a_test_that_waits_long_for_a_worker_is_replaced_by_a_new_press(staff_client, model_server):
    from django.utils import timezone

    staff_client.post(reverse("perf:llm-test"))
    long_ago = timezone.now() - timezone.timedelta(seconds=ConnectionCheck.STUCK_SECONDS + 1)
    ConnectionCheck.objects.update(created_at=long_ago)
    staff_client.post(reverse("perf:llm-test"))
    # One the worker is running is not replaced, however long it takes (the sweep fails it
    # if its worker dies).
    ConnectionCheck.objects.update(status="running", created_at=long_ago)
    staff_client.post(reverse("perf:llm-test"))

    assert ConnectionCheck.objects.count() == 2


def test_the_test_goes_ahead_of_the_summaries_waiting_in_the_queue(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("perf:llm-test"))

    assert DBTaskResult.objects.get().priority > 0


@pytest.mark.parametrize(
    ("method", "name", "expected"),
    [("get", "perf:llm-test", 405), ("post", "perf:llm-settings", 405)],
)
def test_each_url_takes_only_its_method(staff_client, method, name, expected):
    assert getattr(staff_client, method)(reverse(name)).status_code == expected
    assert not ConnectionCheck.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("perf:llm-settings"))

    assert response.status_code == 302 and reverse("journal:login") in response["Location"]


def test_other_users_may_not_poll_a_test_and_an_unknown_one_is_404(client, staff_client):
    import uuid

    staff_client.post(reverse("perf:llm-test"))
    check = ConnectionCheck.objects.get()
    assert staff_client.get(reverse("perf:llm-check", args=[uuid.uuid4()]), **HTMX).status_code == (
        404
    )
    # Without htmx, the poll's URL is the page.
    assert staff_client.get(reverse("perf:llm-check", args=[check.pk])).status_code == 302
    client.force_login(make_user("alice"))

    assert client.get(reverse("perf:llm-check", args=[check.pk]), **HTMX).status_code == 403


def test_without_htmx_the_test_button_comes_back_to_the_page(staff_client, model_server):
    response = staff_client.post(reverse("perf:llm-test"))

    assert response.status_code == 302 and response["Location"] == reverse("perf:llm-settings")
    page = staff_client.get(reverse("perf:llm-settings")).text
    assert '<meta http-equiv="refresh" content="2">' in page  # reloads until it is over


@RUNS_THE_WORKER
def test_a_test_waiting_now_leaves_what_the_last_one_found_on_the_page(
    staff_client, model_server, django_capture_on_commit_callbacks
):
    from perf.llm import openai_compat

    refuses_json_schema_then_answers(model_server)
    press_test_and_run_worker(staff_client, django_capture_on_commit_callbacks)
    openai_compat._found_modes.clear()  # the web process knows only what the worker found

    staff_client.post(reverse("perf:llm-test"))  # no worker runs it yet

    assert "found: json_object" in staff_client.get(reverse("perf:llm-settings")).text
