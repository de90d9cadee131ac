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
        env={"PATH": "/usr/bin:/bin", "PERFASSIST_DATA_DIR": str(tmp_path), **env},
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
