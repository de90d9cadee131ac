"""The LLM settings page's "Test the connection", which the worker runs: one tiny request
to the configured model (perf/llm/connection.py), and its outcome on a ConnectionCheck."""

import logging

from django.utils import translation
from django.utils.translation import gettext as _

from .. import runs
from ..connection_checks import ConnectionCheck
from ..llm.base import LLMConfig
from ..llm.config import llm_config
from ..llm.connection import check_connection

logger = logging.getLogger(__name__)


def request_check(user, language: str) -> ConnectionCheck:
    """A pending test, asked from a page in `language`; queue it with tasks.start_check."""
    return ConnectionCheck.objects.create(user=user, language=language)


def run_check(check: ConnectionCheck, config: LLMConfig | None = None) -> ConnectionCheck:
    """Run a pending test now, in the worker, with the worker's configuration."""
    config = config or llm_config()
    claim = runs.claim(check, config.stage_seconds)
    if claim is None:
        return ConnectionCheck.objects.filter(pk=check.pk).first() or check
    try:
        with runs.heartbeat(claim), translation.override(check.language):
            report = check_connection(config)
        runs.reconnect_if_needed()
    except Exception:
        logger.exception("connection test %s failed unexpectedly", check.pk)
        with translation.override(check.language):
            claim.fail(_("Something went wrong while testing the connection."))
        raise
    fields = {
        "provider": report.provider,
        "model": report.model,
        "base_url": report.base_url,
        "json_mode": report.json_mode,
        "answer_seconds": report.seconds,
        "reply": report.reply[: ConnectionCheck.REPLY_CHARS],
        "schema_valid": report.schema_valid,
    }
    if report.ok:
        claim.finish(**fields)
    else:
        claim.fail(report.error, **fields)
    return ConnectionCheck.objects.get(pk=check.pk)
