// Where the vercel target's files land. Paths in stack.yaml are relative to its directory; artifacts
// are relative to the output root, which is the stack's directory unless `stackc build --out` moved
// it (`ctx.stackFile` is then e.g. `../stack.yaml` or `deploy/stack.yaml`).
import { posix } from 'node:path';

/**
 * A stack-relative directory (`frontend`, `.`) as seen from the output root, or `undefined` when it
 * lies outside the output root (the output root is a subdirectory of the project).
 */
export function fromOutputRoot(path: string, stackFile: string): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(stackFile), path));
  return joined === '..' || joined.startsWith('../') ? undefined : joined;
}

/** `dir/name`, or `name` for the root directory. */
export const inDirectory = (dir: string, name: string): string => (dir === '.' ? name : `${dir}/${name}`);

/** The per-site page with the Vercel project settings that vercel.json cannot hold. */
export const setupPage = (service: string): string => `deploy/vercel/${service}.md`;
