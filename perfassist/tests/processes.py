"""Real processes for the fault suite (test_faults.py): the app as `make run` serves it
(scripts/serve.sh: gunicorn and the worker, each restarted if it dies), a throwaway
PostgreSQL cluster to restart, and a small HTTP client that logs in as a person would."""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float, every: float = 0.2, what: str = "it"):
    """condition()'s first truthy value within `timeout` seconds, else AssertionError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    raise AssertionError(f"{what} did not happen within {timeout:g} s")


class App:
    """The app in `data_dir`, served by scripts/serve.sh as `make run` does."""

    def __init__(self, data_dir: Path, **env):
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PERFASSIST_DATA_DIR": str(data_dir),
            "PERFASSIST_ENV_FILE": "",
            "DATABASE_URL": f"sqlite:///{data_dir / 'perfassist.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "perfassist.settings",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "LLM_PROVIDER": "offline",
            **env,
        }
        self.log_path = data_dir / "serve.log"
        self.process = None

    def manage(self, *args, input=None) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def prepare(self, username="alice", password="a long passphrase 1") -> str:
        """Migrate, collect static files, and make an account; its API token."""
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_user({username!r}, password={password!r})",
        )
        self.username, self.password = username, password
        self.token = self.manage("create_api_token", username, "--name", "faults").strip()
        return self.token

    def start(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: self.get("/healthz")[0] == 200, 60, what="the app answering /healthz")
        wait_until(self.worker_pids, 30, what="the worker starting")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process:
            self.log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _pids(self, pattern: str) -> list[int]:
        """Processes of this app (its session) whose command line matches `pattern`."""
        found = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                if os.getsid(int(proc.name)) != self.process.pid:
                    continue
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, ProcessLookupError):
                continue
            if re.search(pattern, command):
                found.append(int(proc.name))
        return sorted(found)

    def worker_pids(self) -> list[int]:
        return self._pids(r"manage\.py run_worker")

    def gunicorn_pids(self) -> list[int]:
        return self._pids(r"gunicorn perfassist\.wsgi")

    def gunicorn_master(self) -> int:
        """The gunicorn process whose parent is not gunicorn (its workers' is)."""
        pids = self.gunicorn_pids()
        parent = {
            pid: int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            for pid in pids
        }  # noqa: E501
        return next(pid for pid in pids if parent[pid] not in pids)

    # HTTP

    def get(self, path, headers=None, timeout=30):
        return self.request("GET", path, headers=headers, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=60):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json", **(headers or {})} if data else headers
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return 0, str(error)

    def api(self, method, path, token, body=None, **headers):
        status, text = self.request(
            method, "/api" + path, body, {"Authorization": f"Bearer {token}", **headers}
        )
        return status, (json.loads(text) if text.startswith(("{", "[")) else text)

    def page_seconds(self, requests: int, paths=("/healthz", "/accounts/login/")) -> dict:
        """Each path's answer times over `requests` rounds; every answer must be a 200."""
        seconds = {path: [] for path in paths}
        for _ in range(requests):
            for path in paths:
                began = time.monotonic()
                status, _body = self.get(path)
                assert status == 200, (path, status)
                seconds[path].append(time.monotonic() - began)
            time.sleep(0.05)
        return seconds

    def hold_waits(self, count: int, body: dict, wait: int = 20):
        """`count` API calls asking for a summary with Prefer: wait, each in its thread;
        (the threads, and the list each appends its (status, seconds) to)."""
        answers = []

        def ask():
            began = time.monotonic()
            status, _ = self.api("POST", "/perf/summary", self.token, body, Prefer=f"wait={wait}")
            answers.append((status, time.monotonic() - began))

        threads = [threading.Thread(target=ask) for _ in range(count)]
        for thread in threads:
            thread.start()
        return threads, answers

    def logged_in(self) -> "Browser":
        return Browser(self.url, self.username, self.password)


class Browser:
    """A person's session: cookies, the login form, and forms posted with their CSRF token."""

    def __init__(self, url, username, password):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        page = self.open("/accounts/login/")
        self.post("/accounts/login/", {"username": username, "password": password}, page)

    def open(self, path, data=None):
        with self.opener.open(self.url + path, data=data, timeout=30) as response:
            return response.read().decode()

    def post(self, path, fields, page=None):
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        if page and (match := re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)):
            token = match.group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        return self.open(path, data)


class PostgresCluster:
    """A throwaway PostgreSQL, owned by the postgres user when run as root (as in CI)."""

    def __init__(self):
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        assert found, "The fault suite needs PostgreSQL's binaries (.ci/run installs them)."
        self.bin = found[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="perfassist-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/perfassist"

    def _run(self, *command):
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, timeout=120)

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self._pg_ctl("start")
        self._run(
            str(self.bin / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-qc",
            "create database perfassist",
        )
        return self

    def _pg_ctl(self, action):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-m",
            "fast",
            "-o",
            options,
            action,
        )

    def restart(self):
        self._pg_ctl("restart")

    def stop(self):
        try:
            self._pg_ctl("stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
