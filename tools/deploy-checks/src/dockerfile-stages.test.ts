import { describe, expect, it } from 'vitest';
import {
  effectiveInstruction,
  execForm,
  parseDockerfile,
  referencedStages,
  substituteArgs,
} from './dockerfile-stages.ts';

const TEXT = `ARG IMAGE=node:26.12.1-bookworm-slim
ARG UNSET
FROM \${IMAGE} AS build
COPY . .
FROM $IMAGE AS Runtime
USER 10001:10001
ENTRYPOINT ["tini", "--"]
CMD node old.ts
FROM runtime AS api
CMD ["node", "services/api/src/main.ts"]
FROM runtime AS shell
COPY --from=build /app /app
`;

describe('parseDockerfile', () => {
  const { stages, globalArgs } = parseDockerfile(TEXT);

  it('splits stages, resolving FROM through the global ARG defaults', () => {
    expect(stages.map((s) => [s.name, s.image, s.parent?.name ?? null])).toEqual([
      ['build', 'node:26.12.1-bookworm-slim', null],
      ['runtime', 'node:26.12.1-bookworm-slim', null],
      ['api', 'runtime', 'runtime'],
      ['shell', 'runtime', 'runtime'],
    ]);
    expect(globalArgs).toEqual(
      new Map([
        ['IMAGE', 'node:26.12.1-bookworm-slim'],
        ['UNSET', null],
      ]),
    );
  });

  it('inherits USER, ENTRYPOINT and CMD from the stage built on, the last one winning', () => {
    const api = stages[2]!;
    expect(effectiveInstruction(api, 'USER')?.getArgumentsContent()).toBe('10001:10001');
    expect(execForm(effectiveInstruction(api, 'ENTRYPOINT'))).toEqual(['tini', '--']);
    expect(execForm(effectiveInstruction(api, 'CMD'))).toEqual(['node', 'services/api/src/main.ts']);
    expect(execForm(effectiveInstruction(stages[3]!, 'CMD'))).toBeNull(); // shell form
    expect(effectiveInstruction(stages[0]!, 'USER')).toBeNull();
  });

  it('knows which stages others use', () => {
    expect([...referencedStages(stages)].sort()).toEqual(['build', 'runtime']);
  });
});

describe('substituteArgs', () => {
  const args = new Map<string, string | null>([
    ['A', 'x'],
    ['EMPTY', null],
  ]);
  it('replaces $A, ${A} and ${A:-default}, and is null when a value is missing', () => {
    expect(substituteArgs('$A/${A}:${B:-1.0}', args)).toBe('x/x:1.0');
    expect(substituteArgs('${EMPTY}', args)).toBeNull();
    expect(substituteArgs('${MISSING}', args)).toBeNull();
  });
});
