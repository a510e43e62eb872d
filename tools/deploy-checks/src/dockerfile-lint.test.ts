import { describe, expect, it } from 'vitest';
import { DOCKERFILE_RULES, lintDockerfile, type DockerfileRule } from './dockerfile-lint.ts';

/** A small Dockerfile that follows every rule; the bad cases below change one thing each. */
const GOOD = `# syntax=docker/dockerfile:1
ARG BASE=debian:bookworm-20250101-slim
FROM \${BASE} AS build
ARG PNPM_VERSION=10.0.0
RUN npm install -g pnpm@\${PNPM_VERSION} @scope/tool@1.2.3
WORKDIR /src
COPY . .

FROM \${BASE} AS runtime
RUN apt-get update \\
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini=0.19.0-1+b3 ca-certificates=20230311 \\
    && rm -rf /var/lib/apt/lists/*
ADD https://example.com/file.tar.gz /opt/
ADD vendor.tar.gz /opt/
COPY --from=build /src/out /app
COPY --from=busybox:1.36.1 /bin/busybox /bin/busybox
ENV NODE_ENV=production KEY_FILE_DIR=
ARG API_TOKEN
WORKDIR /app
USER 10001:10001
ENTRYPOINT ["tini", "--"]

FROM runtime AS api
CMD ["node", "main.ts"]
`;

function rulesOf(text: string, targets = ['api']): DockerfileRule[] {
  return lintDockerfile(text, { targets }).map((f) => f.rule);
}

describe('lintDockerfile on a good Dockerfile', () => {
  it('finds nothing', () => {
    expect(lintDockerfile(GOOD, { targets: ['api'] })).toEqual([]);
  });
});

const BAD: [string, string, DockerfileRule[]][] = [
  [
    'an untagged base image',
    GOOD.replace('ARG BASE=debian:bookworm-20250101-slim', 'ARG BASE=debian'),
    ['from-pinned', 'from-pinned'],
  ],
  [
    'a latest base image',
    GOOD.replace('debian:bookworm-20250101-slim', 'debian:latest'),
    ['from-pinned', 'from-pinned'],
  ],
  [
    'an ARG base without default',
    GOOD.replace('ARG BASE=debian:bookworm-20250101-slim', 'ARG BASE'),
    ['from-pinned', 'from-pinned'],
  ],
  [
    'a registry with a port but no tag',
    GOOD.replace('FROM ${BASE} AS build', 'FROM registry:5000/base AS build'),
    ['from-pinned'],
  ],
  ['COPY --from an unpinned image', GOOD.replace('busybox:1.36.1', 'busybox'), ['from-pinned']],
  [
    'a duplicate stage name',
    GOOD.replace('AS runtime', 'AS build').replace('FROM runtime AS api', 'FROM build AS api'),
    ['stage-names-unique'],
  ],
  [
    'apt-get install without --no-install-recommends',
    GOOD.replace(' --no-install-recommends', ''),
    ['apt-no-recommends'],
  ],
  ['apt-get install without -y', GOOD.replace('install -y', 'install'), ['apt-yes']],
  ['an unpinned apt package', GOOD.replace('ca-certificates=20230311', 'ca-certificates'), ['apt-pinned']],
  [
    'apt lists left behind',
    GOOD.replace(' \\\n    && rm -rf /var/lib/apt/lists/*', ''),
    ['apt-lists-removed'],
  ],
  [
    'apt lists left behind by `apt-get -y install` (options first)',
    GOOD.replace(
      /RUN apt-get update[\s\S]*?lists\/\*\n/,
      'RUN apt-get -y --no-install-recommends install tini=1\n',
    ),
    ['apt-lists-removed'],
  ],
  [
    'an exec-form RUN installing unpinned packages',
    GOOD.replace(
      'WORKDIR /src',
      'RUN ["apt-get", "install", "-y", "--no-install-recommends", "curl"]\nWORKDIR /src',
    ),
    ['apt-pinned', 'apt-lists-removed'],
  ],
  [
    'apt lists removed in a later RUN',
    GOOD.replace(' \\\n    && rm -rf /var/lib/apt/lists/*', '\nRUN rm -rf /var/lib/apt/lists/*'),
    ['apt-lists-removed'],
  ],
  [
    'apt instead of apt-get',
    GOOD.replace('RUN apt-get update', 'RUN apt install -y curl=1 && apt-get update'),
    ['apt-get-not-apt'],
  ],
  ['an unpinned npm package', GOOD.replace('@scope/tool@1.2.3', '@scope/tool'), ['npm-pinned']],
  ['npm pinned to latest', GOOD.replace('@scope/tool@1.2.3', '@scope/tool@latest'), ['npm-pinned']],
  [
    'npm pinned to an ARG without default',
    GOOD.replace('ARG PNPM_VERSION=10.0.0', 'ARG PNPM_VERSION'),
    ['npm-pinned'],
  ],
  ['sudo', GOOD.replace('RUN apt-get update', 'RUN sudo apt-get update'), ['no-sudo']],
  ['ADD of a local file', GOOD.replace('ADD vendor.tar.gz /opt/', 'ADD config.json /opt/'), ['copy-not-add']],
  ['CMD in shell form', GOOD.replace('CMD ["node", "main.ts"]', 'CMD node main.ts'), ['exec-form']],
  [
    'ENTRYPOINT in shell form',
    GOOD.replace('ENTRYPOINT ["tini", "--"]', 'ENTRYPOINT tini --'),
    ['exec-form'],
  ],
  ['a relative WORKDIR', GOOD.replace('WORKDIR /src', 'WORKDIR src'), ['workdir-absolute']],
  [
    'a password in ENV',
    GOOD.replace('NODE_ENV=production', 'NODE_ENV=production DB_PASSWORD=hunter2'),
    ['no-secrets'],
  ],
  ['a token default in ARG', GOOD.replace('ARG API_TOKEN', 'ARG API_TOKEN=abc123'), ['no-secrets']],
  [
    'a secret key in ENV',
    GOOD.replace('ENV NODE_ENV=production', 'ENV ELARA_SECRETS_KEY=c2VjcmV0 NODE_ENV=production'),
    ['no-secrets'],
  ],
  ['no USER in the final stage', GOOD.replace('USER 10001:10001\n', ''), ['non-root-user']],
  [
    'USER root',
    GOOD.replace('CMD ["node", "main.ts"]', 'USER root\nCMD ["node", "main.ts"]'),
    ['non-root-user'],
  ],
  ['USER 0:0', GOOD.replace('USER 10001:10001', 'USER 0:0'), ['non-root-user']],
  ['an unused stage running as root', `${GOOD}\nFROM runtime AS debug\nUSER root\n`, ['non-root-user']],
  ['MAINTAINER', GOOD.replace('WORKDIR /app', 'MAINTAINER someone\nWORKDIR /app'), ['no-maintainer']],
];

describe('lintDockerfile on bad Dockerfiles', () => {
  it.each(BAD)('flags %s', (_name, text, expected) => {
    expect(rulesOf(text)).toEqual(expected);
  });

  it('flags a target that is not a stage, and checks the declared targets as final', () => {
    expect(lintDockerfile(GOOD, { targets: ['api', 'worker'] })).toEqual([
      { rule: 'target-exists', line: 1, message: 'target "worker" is not a stage (FROM ... AS worker)' },
    ]);
    // `build` is only a COPY source, so it may run as root unless it is declared a target.
    expect(rulesOf(GOOD, ['api', 'build'])).toEqual(['non-root-user']);
  });

  it('reports the line of the offending instruction', () => {
    const [found] = lintDockerfile(GOOD.replace('WORKDIR /src', 'WORKDIR src'), { targets: ['api'] });
    expect(found).toMatchObject({ rule: 'workdir-absolute', line: 6 });
  });

  it('has a description for every rule it can report', () => {
    const reported = new Set(BAD.flatMap(([, , rules]) => rules).concat('target-exists'));
    expect([...reported].sort()).toEqual(Object.keys(DOCKERFILE_RULES).sort());
  });
});
