# Two stages: the first builds the virtualenv, the second carries only it and the code,
# so pip, its cache and build files never reach the image that runs.
FROM python:3.13-slim AS build

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt


FROM python:3.13-slim

ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PERFASSIST_DATA_DIR=/data \
    PORT=8000

# /data holds the key and the journal: the app's user only (a new volume takes this mode).
RUN useradd --system --create-home --home-dir /home/perfassist --uid 1000 perfassist \
    && mkdir -m 0700 /data && chown perfassist:perfassist /data
COPY --from=build /venv /venv
WORKDIR /app

# The code stays root's: the app's user can write only to /data.
COPY . .
# Static files are collected at build time; the key is a throwaway the image never keeps.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0

USER perfassist
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]
# Workers, port and timeout come from the environment, through gunicorn.conf.py.
CMD ["gunicorn", "perfassist.wsgi"]
