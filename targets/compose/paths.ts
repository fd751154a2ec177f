// Where the files land and how paths from stack.yaml are written in them. Compose resolves relative
// paths from the compose file's directory: the output root, which is the stack's directory unless
// `stackc build --out` moved it, so stack-relative paths are rebased on the way to stack.yaml.
import { posix } from 'node:path';
import type { Stack } from '../../src/model/stack.js';

export interface FileNames {
  /** `compose.yaml` for the default (first) environment, `compose.<env>.yaml` for the others. */
  compose: string;
  /** Where the user keeps the values: `.env` (read by Compose without flags) or `.env.<env>`. */
  envFile: string;
  /** The generated template of `envFile`: `.env.example` or `.env.<env>.example`. */
  example: string;
  isDefault: boolean;
}

export function fileNames(stack: Stack, environment: string): FileNames {
  const isDefault = stack.environments[0]?.name === environment;
  return isDefault
    ? { compose: 'compose.yaml', envFile: '.env', example: '.env.example', isDefault }
    : { compose: `compose.${environment}.yaml`, envFile: `.env.${environment}`, example: `.env.${environment}.example`, isDefault };
}

/**
 * A canonical stack-relative path (`backend`, `.`) as Compose reads it from the output root:
 * `./backend` beside stack.yaml, `../backend` when the files are written to a subdirectory.
 * @param stackFile stack.yaml relative to the output root (`stack.yaml`, `../stack.yaml`).
 */
export function relativePath(path: string, stackFile: string): string {
  const joined = posix.join(posix.dirname(stackFile), path);
  return joined === '.' || joined === '..' || joined.startsWith('../') ? joined : `./${joined}`;
}
