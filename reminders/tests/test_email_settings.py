"""EMAIL_URL, read by django-environ, becomes Django's default mailer."""

from perfassist.tests.test_settings import read_setting


def test_without_email_url_there_are_no_reminders(tmp_path):
    # Nor a MAILERS for check --deploy to find fault with (perfassist's test_settings).
    assert read_setting("EMAIL_CONFIGURED", {}, tmp_path) == "False"


def test_an_smtp_url_configures_the_default_mailer(tmp_path):
    url = {"EMAIL_URL": "smtp+tls://ann:s3cret@mail.example.com:587"}

    mailers = read_setting("MAILERS", url, tmp_path)

    assert read_setting("EMAIL_CONFIGURED", url, tmp_path) == "True"
    assert "'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'" in mailers
    for option in ("'host': 'mail.example.com'", "'port': 587", "'username': 'ann'",
                   "'password': 's3cret'", "'use_tls': True"):  # fmt: skip
        assert option in mailers


def test_the_sender_and_the_reminder_defaults_come_from_the_environment(tmp_path):
    env = {
        "DEFAULT_FROM_EMAIL": "Journal <journal@example.com>",
        "REMINDER_NUDGE_TIME": "18:30",
        "SITE_URL": "https://perf.example.com/",
    }

    assert read_setting("DEFAULT_FROM_EMAIL", env, tmp_path) == "Journal <journal@example.com>"
    assert read_setting("REMINDER_NUDGE_TIME", env, tmp_path) == "18:30"
    assert read_setting("SITE_URL", env, tmp_path) == "https://perf.example.com"


def test_a_reminder_time_that_is_not_a_time_is_refused_by_name(settings):
    from reminders.checks import check_reminder_times

    settings.REMINDER_DIGEST_TIME = "five o'clock"

    [error] = check_reminder_times(None)

    assert error.id == "reminders.E001"
    assert "REMINDER_DIGEST_TIME" in error.msg


def test_mail_with_links_to_localhost_is_pointed_out(settings):
    from reminders.checks import check_site_url

    settings.EMAIL_CONFIGURED = True
    settings.SITE_URL = "http://localhost:8000"
    assert [warning.id for warning in check_site_url(None)] == ["reminders.W001"]

    settings.SITE_URL = "https://perf.example.com"
    assert check_site_url(None) == []
