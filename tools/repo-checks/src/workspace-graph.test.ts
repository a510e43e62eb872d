import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findPackageCycles,
  findUndeclaredImports,
  findUnusedDeclarations,
  readWorkspace,
} from './workspace-graph.ts';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

describe('workspace architecture', () => {
  const packages = readWorkspace(root);

  it('finds the workspace packages', () => {
    expect(packages.map((p) => p.name)).toEqual(
      expect.arrayContaining(['@elara/db', '@elara/pipeline', '@elara/api']),
    );
  });

  it('has no dependency cycles between packages', () => {
    expect(findPackageCycles(packages)).toEqual([]);
  });

  it('detects a cycle when there is one', () => {
    const cyclic = [
      { name: 'a', dir: '', dependencies: ['b'] },
      { name: 'b', dir: '', dependencies: ['a'] },
    ];
    expect(findPackageCycles(cyclic)).toEqual([['a', 'b', 'a']]);
  });

  it('imports only the @elara packages each package declares', () => {
    expect(packages.flatMap(findUndeclaredImports)).toEqual([]);
  });

  it('declares no @elara package it does not import', () => {
    expect(packages.flatMap(findUnusedDeclarations)).toEqual([]);
  });

  it('keeps services thin: no package depends on a service', () => {
    const services = new Set(
      packages.filter((p) => p.dir.includes(`${path.sep}services${path.sep}`)).map((p) => p.name),
    );
    const offenders = packages
      .filter((p) => p.dir.includes(`${path.sep}packages${path.sep}`))
      .filter((p) => p.dependencies.some((d) => services.has(d)));
    expect(offenders.map((p) => p.name)).toEqual([]);
  });
});
