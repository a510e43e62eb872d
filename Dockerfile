# syntax=docker/dockerfile:1
#
# Elara's images: one build, four runtime targets sharing every layer but the last.
#   docker build --target api       -t ghcr.io/elara-security/elara-api:<tag> .
#   docker build --target worker    -t ghcr.io/elara-security/elara-worker:<tag> .
#   docker build --target scheduler -t ghcr.io/elara-security/elara-scheduler:<tag> .
#   docker build --target migrate   -t ghcr.io/elara-security/elara-migrate:<tag> .
# Node 26 runs the TypeScript sources directly (type stripping), so there is no compile step; that
# only works outside node_modules, which is why the workspace layout is kept as it is in the repo.
# Linted and checked against the deployment contract by test/deploy/dockerfile.test.ts; the same
# commands run on Node 26 in test/deploy/node-runtime.test.ts.

# The base image, pinned by tag here. CI (Renovate's dockerfile manager) resolves and pins the
# digest, `node:26.12.1-bookworm-slim@sha256:<digest>`, and keeps it current: this repository is
# edited on machines that cannot reach a registry to look the digest up.
ARG NODE_IMAGE=node:26.12.1-bookworm-slim

FROM ${NODE_IMAGE} AS build
# Must equal `packageManager` in package.json (a test checks it).
ARG PNPM_VERSION=10.34.8
RUN npm install -g pnpm@${PNPM_VERSION}
WORKDIR /app
# pnpm skips its interactive prompts.
ENV CI=true
# Dependencies first, from the lockfile alone, so a source change reuses this layer.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
# Everything, dev dependencies included, to generate the Prisma client and train the text model.
RUN pnpm install --frozen-lockfile --offline \
    && pnpm db:generate \
    && pnpm build:model
# Then production dependencies only, for the deployables and the workspace packages they use
# (`{./services/*}...`: braces select by path, the dots add dependencies), linked in the same
# layout: workspace packages stay folders under packages/ and services/, symlinked from
# node_modules. Not `pnpm deploy`: it copies them into node_modules, where Node strips no types.
RUN find . -name node_modules -type d -prune -exec rm -rf {} + \
    && pnpm install --prod --frozen-lockfile --offline --filter "{./services/*}..."

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node and reaps zombies.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 \
    && rm -rf /var/lib/apt/lists/*
# No package manager at runtime, and an unprivileged user that owns none of the files it runs.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
        /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg \
    && groupadd --gid 10001 elara \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin elara
WORKDIR /app
ARG NODE_IMAGE
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE_URL=https://github.com/elara-security/elara
# Containers listen on every interface (a pod's loopback is unreachable); nothing is written
# outside /tmp, so the root filesystem can be mounted read-only.
ENV NODE_ENV=production \
    SERVICE_VERSION=${VERSION} \
    METRICS_HOST=0.0.0.0
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/services ./services
LABEL org.opencontainers.image.vendor="Elara" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"
USER 10001:10001
STOPSIGNAL SIGTERM
ENTRYPOINT ["tini", "--"]

FROM runtime AS api
ENV HOST=0.0.0.0
EXPOSE 3000 9464
LABEL org.opencontainers.image.title="elara-api" \
      org.opencontainers.image.description="Elara API: Twilio webhooks, health probes and the admin API"
CMD ["node", "services/api/src/main.ts"]

FROM runtime AS worker
EXPOSE 9465
LABEL org.opencontainers.image.title="elara-worker" \
      org.opencontainers.image.description="Elara worker: scans messages and sends the replies"
CMD ["node", "services/worker/src/main.ts"]

FROM runtime AS scheduler
EXPOSE 9466
LABEL org.opencontainers.image.title="elara-scheduler" \
      org.opencontainers.image.description="Elara scheduler: recurring jobs and queue metrics, one active leader"
CMD ["node", "services/scheduler/src/main.ts"]

FROM runtime AS migrate
LABEL org.opencontainers.image.title="elara-migrate" \
      org.opencontainers.image.description="Elara migrations: 'migrate' applies them, 'wait' blocks until applied"
CMD ["node", "services/migrator/src/main.ts", "migrate"]
