import stat
import subprocess
import sys

from django.conf import settings


def read_setting(name, env, tmp_path):
    """Import the settings module fresh in a child process with the given environment."""
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'perfassist.settings'\n"
        f"from django.conf import settings; print(getattr(settings, {name!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PERFASSIST_DATA_DIR": str(tmp_path),
            "PERFASSIST_ENV_FILE": "",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_without_secret_key_one_is_generated_once_and_kept(tmp_path):
    first = read_setting("SECRET_KEY", {}, tmp_path)
    second = read_setting("SECRET_KEY", {}, tmp_path)

    assert len(first) >= 50
    assert first == second == (tmp_path / "secret_key").read_text()
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_an_explicit_secret_key_wins(tmp_path):
    assert read_setting("SECRET_KEY", {"SECRET_KEY": "from-the-env"}, tmp_path) == "from-the-env"
    assert not (tmp_path / "secret_key").exists()


def test_defaults_are_safe(tmp_path):
    assert read_setting("DEBUG", {}, tmp_path) == "False"
    assert str(tmp_path / "perfassist.sqlite3") in read_setting("DATABASES", {}, tmp_path)


def test_database_url_selects_postgresql(tmp_path):
    databases = read_setting("DATABASES", {"DATABASE_URL": "postgres://u:p@db:5432/pa"}, tmp_path)

    assert "django.db.backends.postgresql" in databases


def test_the_data_directory_is_created_even_with_a_secret_key(tmp_path):
    data_dir = tmp_path / "new" / "data"

    read_setting("DEBUG", {"SECRET_KEY": "set", "PERFASSIST_DATA_DIR": str(data_dir)}, tmp_path)

    assert data_dir.is_dir()


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def start_in(data_dir, code="", *, before="", **env):
    """Load the settings in a child process (after `before`), then run `code` there."""
    program = (
        f"import os\n{before}\nos.environ['DJANGO_SETTINGS_MODULE'] = 'perfassist.settings'\n"
        f"import django; django.setup()\n{code}"
    )
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PERFASSIST_DATA_DIR": str(data_dir),
            "PERFASSIST_ENV_FILE": "",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )


def test_only_its_owner_can_open_the_data_directory_and_the_database(tmp_path):
    data_dir = tmp_path / "new"
    wal_and_shm = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('CREATE TABLE t (x int)')\n"
        "    cursor.execute('INSERT INTO t VALUES (1)')\n"  # WAL: both files exist now
        "    for name in ('-wal', '-shm'):\n"
        "        path = connection.settings_dict['NAME'] + name\n"
        "        print(oct(os.stat(path).st_mode & 0o777))\n"
    )

    child = start_in(data_dir, wal_and_shm, before="os.umask(0o022)")

    assert mode(data_dir) == 0o700
    assert mode(data_dir / "perfassist.sqlite3") == 0o600
    assert child.stdout.split() == ["0o600", "0o600"]  # SQLite copies the database's mode
    assert mode(data_dir / "secret_key") == 0o600


def test_an_install_open_to_others_is_tightened_and_says_so(tmp_path):
    data_dir = tmp_path / "old"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    for name in ("perfassist.sqlite3", "perfassist.sqlite3-wal", "secret_key"):
        (data_dir / name).write_text("")
        (data_dir / name).chmod(0o644)
    (data_dir / "secret_key").write_text("a key kept from before")
    (data_dir / "secret_key").chmod(0o600)

    child = start_in(data_dir)

    assert mode(data_dir) == 0o700
    assert mode(data_dir / "perfassist.sqlite3") == 0o600
    assert mode(data_dir / "perfassist.sqlite3-wal") == 0o600
    assert f"{data_dir} was open to other users (mode 755)" in child.stderr
    assert "open to other users" not in start_in(data_dir).stderr  # said once


def test_a_data_directory_another_user_owns_is_left_as_it_is(tmp_path):
    """Such as /data while the image is built as root: the app's user must still be able to
    make its database there."""
    data_dir = tmp_path / "theirs"
    data_dir.mkdir()
    data_dir.chmod(0o755)

    start_in(data_dir, before="os.getuid = lambda: 4242", SECRET_KEY="collectstatic-only")

    assert mode(data_dir) == 0o755
    assert list(data_dir.iterdir()) == []


def test_with_database_url_no_sqlite_file_is_made(tmp_path):
    start_in(tmp_path / "pg", DATABASE_URL="postgres://u:p@db:5432/pa")

    assert mode(tmp_path / "pg") == 0o700
    assert not (tmp_path / "pg" / "perfassist.sqlite3").exists()


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-real-secret-key-of-fifty-characters-or-more-0123456789abcdef",
    "ALLOWED_HOSTS": "perf.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://perf.example.com",
    "HTTPS": "true",
}


def deploy_check(env, tmp_path):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PERFASSIST_DATA_DIR": str(tmp_path),
            "PERFASSIST_ENV_FILE": "",
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = deploy_check(PRODUCTION, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_names_what_is_missing_without_https(tmp_path):
    result = deploy_check({**PRODUCTION, "HTTPS": "false"}, tmp_path)

    assert result.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_https_turns_on_hsts_and_secure_cookies_each_can_be_set_alone(tmp_path):
    https = {"HTTPS": "true"}
    assert read_setting("SECURE_HSTS_SECONDS", https, tmp_path) == "31536000"
    assert read_setting("SESSION_COOKIE_SECURE", https, tmp_path) == "True"
    assert read_setting("CSRF_COOKIE_SECURE", https, tmp_path) == "True"
    assert read_setting("SECURE_SSL_REDIRECT", https, tmp_path) == "True"
    assert (
        read_setting("SECURE_HSTS_SECONDS", {**https, "SECURE_HSTS_SECONDS": "600"}, tmp_path)
        == "600"
    )
    assert read_setting("SECURE_HSTS_SECONDS", {}, tmp_path) == "0"
    assert read_setting("SESSION_COOKIE_SECURE", {}, tmp_path) == "False"
    header = {"PROXY_SSL_HEADER": "X-Forwarded-Proto"}
    assert (
        read_setting("SECURE_PROXY_SSL_HEADER", header, tmp_path)
        == "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_the_suite_ignores_the_llm_and_app_variables_of_the_shell_and_any_env_file(tmp_path):
    dotenv = tmp_path / "dotenv"
    dotenv.write_text("LLM_PROVIDER=offline\nTIME_ZONE=Asia/Tokyo\n")
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'perfassist.test_settings'\n"
        "from django.conf import settings\n"
        "print(settings.LLM_PROVIDER, settings.LANGUAGE_CODE, settings.TIME_ZONE,"
        " settings.ANTHROPIC_API_KEY or '-', os.environ.get('OPENAI_BASE_URL', '-'),"
        " settings.DATABASES['default']['NAME'])"
    )
    shell = {
        "PATH": "/usr/bin:/bin",
        "PERFASSIST_ENV_FILE": str(dotenv),
        "LLM_PROVIDER": "offline",
        "LLM_TIMEOUT": "1",
        "ANTHROPIC_API_KEY": "sk-ant-from-the-shell",
        "OPENAI_BASE_URL": "http://localhost:11434/v1",
        "LANGUAGE_CODE": "ru",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'chosen.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=shell,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.split() == [
        "auto",
        "en",
        "UTC",
        "-",
        "-",
        str(tmp_path / "chosen.sqlite3"),
    ]
