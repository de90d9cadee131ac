FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PERFASSIST_DATA_DIR=/data

RUN useradd --system --create-home --home-dir /app --uid 1000 perfassist \
    && mkdir /data && chown perfassist:perfassist /data
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# The code stays root's: the app's user can write only to /data.
COPY . .
# Static files are collected at build time; the key is a throwaway the image never keeps.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0

USER perfassist
VOLUME ["/data"]
EXPOSE 8000
CMD ["gunicorn", "perfassist.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
