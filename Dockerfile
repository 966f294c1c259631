# briefbot, the Discord bot, in a slim image. Build: docker build -t briefbot .
# Run with compose.yaml (the token as a secret, the database on a volume).

# Stage 1 builds the wheel with the answer engine compiled by mypyc (BRIEFBOT_COMPILE=1,
# see hatch_build.py): about twice as fast. It needs a C compiler, which the slim image
# that runs the bot never holds.
FROM python:3.11 AS build
WORKDIR /build
COPY pyproject.toml README.md hatch_build.py ./
COPY src ./src
COPY knowledge ./knowledge
RUN BRIEFBOT_COMPILE=1 pip wheel --no-cache-dir --disable-pip-version-check --no-deps \
        --wheel-dir /dist .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, read from pyproject.toml, so a code change reuses this layer.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY --from=build /dist /tmp/dist
RUN pip install --no-deps /tmp/dist/*.whl \
    && rm -rf /tmp/dist
COPY knowledge ./knowledge

# A non-root user owns only the data volume; the code and knowledge stay read-only to it.
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /app briefbot \
    && mkdir -p /data \
    && chown briefbot:briefbot /data

# knowledge/ ships in the image; mount another directory over /app/knowledge to curate
# without rebuilding. The SQLite database lives on the /data volume.
ENV BRIEFBOT_KNOWLEDGE=/app/knowledge \
    BRIEFBOT_DB=/data/briefbot.sqlite3
VOLUME ["/data"]

USER briefbot

# Healthy when the knowledge base loads, the database takes a write (rolled back), no
# spill file has waited for minutes, and the running bot's event loop touched its
# heartbeat file (/data/briefbot.sqlite3.heartbeat) in the last minute.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["briefbot", "health", "--bot"]

# briefbot closes the bot and flushes the store on SIGTERM (docker stop).
STOPSIGNAL SIGTERM
ENTRYPOINT ["briefbot"]
CMD ["run"]
