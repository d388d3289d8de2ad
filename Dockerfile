# syntax=docker/dockerfile:1
# One image per part of the CRM, all from this file:
#   docker build --build-arg SERVICE=sales -t crm/sales .
# SERVICE is one of: marketing, sales, service-desk, reporting, activities, notifications,
# gateway.
# The container runs `crm-<SERVICE> <command>`; the command defaults to `serve`
# (services: migrate | serve | relay, and consume for marketing, service-desk, reporting,
# activities and notifications, schedule for service-desk and activities, send for
# notifications, rebuild for reporting; gateway: migrate | serve | relay).
# Migrations are a command of their own, run once per release (compose's *-migrate services,
# Kubernetes' *-migrate Jobs), never on a server's start.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: compile what needs compiling, install everything into /opt/venv -----------------
FROM ${PYTHON_IMAGE} AS build
ARG SERVICE

RUN case "${SERVICE}" in \
      marketing|sales|service-desk|reporting|activities|notifications|gateway) ;; \
      *) echo "build arg SERVICE must be one of marketing, sales, service-desk, reporting, activities, notifications, gateway (got '${SERVICE}')" >&2; exit 1 ;; \
    esac

# A compiler for any dependency that has no wheel for this platform; it stays in this stage.
# Unpinned: Debian replaces these versions on every point release, so pins would break builds.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv

WORKDIR /src
# Least changing first, so that a change to one service reuses the layers below it.
COPY protos/ protos/
# Not editable: setup.py runs grpcio-tools while building, generating the `crm` package.
RUN pip install ./protos
COPY libs/crm_platform/ libs/crm_platform/
RUN pip install ./libs/crm_platform
# The gateway's web UI: its front-end packages from npm (the committed lock), copied into its
# static folder before the package is installed; node stays in this stage.
COPY gateway/web-assets/ gateway/web-assets/
# hadolint ignore=DL3008
RUN if [ "${SERVICE}" = gateway ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends nodejs npm \
      && rm -rf /var/lib/apt/lists/* \
      && npm ci --prefix gateway/web-assets --no-audit --no-fund \
      && npm run --prefix gateway/web-assets build \
      && rm -rf gateway/web-assets/node_modules; \
    fi
COPY services/ services/
COPY gateway/ gateway/
# /app receives the chosen part's source tree: its package and, beside it, migrations/.
# Copied before pip runs, which leaves build/ and *.egg-info in the tree it builds from.
RUN if [ "${SERVICE}" = gateway ]; then src=gateway; else src="services/${SERVICE}"; fi \
    && mkdir /app \
    && cp -a "${src}/." /app/ \
    && python -m compileall -q /app \
    && pip install "./${src}"

# --- runtime: the venv and the source, no compiler, not root --------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE

RUN groupadd --system --gid 10001 crm \
    && useradd --system --uid 10001 --gid crm --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin crm

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

# PYTHONPATH=/app: the CLI finds migrations/ beside its package, which a non-editable install
# would have moved into site-packages without them; the copy in /app is the same code.
# No bytecode writes: the root filesystem is read-only in Kubernetes (compiled at build time).
ENV CRM_SERVICE=${SERVICE} \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LOG_FORMAT=json

WORKDIR /app
# Numeric, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
USER 10001:10001

# Services answer grpc.health.v1 on the port of their <PREFIX>_GRPC_ADDRESS (SALES_GRPC_ADDRESS,
# SERVICE_DESK_GRPC_ADDRESS, ...; the settings' default port when unset); the gateway answers
# /healthz on GATEWAY_BIND. Only the `serve` containers have something to check: compose
# disables it for the others, Kubernetes ignores it (its probes are in the manifests). One file for
# every image, so the branch is taken on CRM_SERVICE at run time (hence the shell form).
# hadolint ignore=DL3025
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD if [ "$CRM_SERVICE" = gateway ]; then \
          python -c "import os, urllib.request; port = os.environ.get('GATEWAY_BIND', '0.0.0.0:8080').rsplit(':', 1)[1]; urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4)"; \
        else \
          prefix=$(echo "$CRM_SERVICE" | tr 'a-z-' 'A-Z_'); \
          address=$(printenv "${prefix}_GRPC_ADDRESS" || true); \
          case "$CRM_SERVICE" in marketing) port=50051 ;; sales) port=50052 ;; \
            service-desk) port=50053 ;; reporting) port=50054 ;; activities) port=50055 ;; \
            *) port=50056 ;; esac; \
          if [ -n "$address" ]; then port=${address##*:}; fi; \
          python -m crm_platform.healthcheck "127.0.0.1:$port"; \
        fi

# exec: the CLI replaces the shell and runs as PID 1, so it receives SIGTERM on `docker stop`
# and a Kubernetes rollout, and its exit code is the container's.
ENTRYPOINT ["/bin/sh", "-c", "exec \"crm-${CRM_SERVICE}\" \"$@\"", "crm"]
CMD ["serve"]
