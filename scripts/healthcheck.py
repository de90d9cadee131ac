"""The container's HEALTHCHECK: exit 0 when this container's /healthz answers 200.

Plain Python, no Django: it runs every few seconds and must stay cheap.
"""

import os
import sys
import urllib.request

url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"
try:
    with urllib.request.urlopen(url, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:  # URLError, HTTPError (503) and timeouts
    print(f"{url}: {error}", file=sys.stderr)
    sys.exit(1)
