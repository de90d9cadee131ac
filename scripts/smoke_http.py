"""The smoke test's walk over HTTP, as a new user would take it: create the account on the
first-run page, log out and in again, write a plan and a fact on Today, ask for a perf
summary and wait for the worker to write it, download it, and check /healthz.

Usage: python scripts/smoke_http.py http://127.0.0.1:PORT
"""

import datetime
import http.cookiejar
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/")
USERNAME, PASSWORD = "smoke", "a smoke-test passphrase 1"
cookies = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


first_hop = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(cookies))


def fail(message):
    sys.exit(f"smoke: {message}")


def get(path, opener=browser):
    try:
        with opener.open(BASE + path, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.geturl(), error.read().decode(), error.headers


def csrf_token(page):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        fail("a form without its CSRF token")
    return match.group(1)


def post(path, fields, form_page):
    """Submit a form as the browser would: with the CSRF token of the page it is on."""
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf_token(form_page), **fields}, doseq=True
    ).encode()
    request = urllib.request.Request(BASE + path, data=data, headers={"Referer": BASE + path})
    try:
        with browser.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.geturl(), error.read().decode()


status, _, _, headers = get("/today/", opener=first_hop)
if status != 302 or not headers["Location"].startswith("/accounts/login/"):
    fail(f"anonymous /today/ gave {status} {headers.get('Location')}")

status, _, setup_page, _ = get("/accounts/setup/")
if status != 200:
    fail(f"the first-run page gave {status} on an empty database")
stylesheet = re.search(r"/static/css/app\.[0-9a-f]+\.css", setup_page)
if not stylesheet or get(stylesheet.group(0))[0] != 200:
    fail("no hashed stylesheet served: collectstatic's manifest or whitenoise is not in use")

status, url, page = post(
    "/accounts/setup/",
    {
        "username": USERNAME,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": "engineer",
        "language": "en",
        "time_zone": "UTC",
    },
    setup_page,
)
if not url.endswith("/today/"):
    fail(f"creating the first account ended on {url} ({status})")

status, url, page = post("/accounts/logout/", {}, page)
status, _, login_page, _ = get("/accounts/login/")
status, url, page = post(
    "/accounts/login/", {"username": USERNAME, "password": PASSWORD}, login_page
)
if not url.endswith("/today/"):
    fail(f"logging in ended on {url} ({status})")

today = datetime.date.today()
for kind, text in [
    ("plan", "Move the search index to trigrams #search"),
    ("fact", "Shipped the trigram search index #search: p95 from 30 ms to 9 ms"),
]:
    status, url, page = post(
        "/entries/new/", {"date": today.isoformat(), "type": kind, "text": text}, page
    )
    if status != 200 or text.split(" #")[0] not in page:
        fail(f"adding a {kind} on Today gave {status}, and the page does not show it")

status, _, summary_page, _ = get("/perf/")
status, url, page = post(
    "/perf/",
    {
        "preset": "custom",
        "start": (today - datetime.timedelta(days=30)).isoformat(),
        "end": today.isoformat(),
        "role": "engineer",
        "language": "en",
    },
    summary_page,
)
summary_id = re.search(r"/perf/([0-9a-f-]{36})/$", url)
if not summary_id:
    fail(f"asking for a summary ended on {url} ({status})")
summary_id = summary_id.group(1)

deadline = time.monotonic() + 60
while True:
    status, _, body, _ = get(f"/api/perf/summaries/{summary_id}")
    summary = json.loads(body) if status == 200 else {}
    if summary.get("status") in ("done", "failed") or time.monotonic() > deadline:
        break
    time.sleep(0.3)
if summary.get("status") != "done":
    fail(f"the worker did not write the summary: {status} {body[:300]}")

status, _, markdown, _ = get(f"/perf/{summary_id}/summary.md")
if status != 200 or "trigram search index" not in markdown:
    fail(f"the Markdown download gave {status} without the fact in it")

status, _, body, _ = get("/healthz")
if status != 200 or json.loads(body) != {"status": "ok", "database": "up"}:
    fail(f"/healthz gave {status} {body}")

print(
    "smoke: over HTTP, created the account, logged in, wrote a plan and a fact, "
    "and the worker wrote their summary"
)
