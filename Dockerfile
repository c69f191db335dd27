# syntax=docker/dockerfile:1
#
# tradeops image. Default command: `tradeops run` (Socket Mode + scheduler, SQLite in /data).
# HTTP mode: `docker run ... tradeops-image serve --host 0.0.0.0 --port 3000` (see docker-compose.yml).

# --- build: install the project and its dependencies into a virtualenv --------------------------
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# Only what the wheel needs (README.md is the package's `readme`); tests and benches stay out.
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY handlers/ handlers/
COPY storage/ storage/
RUN pip install --no-cache-dir .

# --- runtime: the virtualenv only, no sources, no build tools -----------------------------------
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    TRADEOPS_DATABASE_URL=sqlite:////data/tradeops.db

# A font with Chinese glyphs, so the weekly summary's charts show Chinese labels, not boxes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

# A real home directory so matplotlib can keep its font cache (~/.cache, ~/.config).
RUN groupadd --system tradeops \
 && useradd --system --gid tradeops --create-home --home-dir /home/tradeops \
      --shell /usr/sbin/nologin tradeops \
 && mkdir -p /data /app \
 && chown tradeops:tradeops /data

COPY --from=build /opt/venv /opt/venv

# ./config.toml is read from the working directory, so mount a config at /app/config.toml
# (or point TRADEOPS_CONFIG elsewhere).
WORKDIR /app
USER tradeops
# Declared after the chown so a fresh named volume starts out writable by tradeops.
VOLUME ["/data"]

# Used by `serve` (HTTP mode); Socket Mode (`run`, the default) opens no port.
EXPOSE 3000

ENTRYPOINT ["tradeops"]
CMD ["run"]
