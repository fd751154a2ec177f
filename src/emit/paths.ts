// Paths in generated files. Paths in stack.yaml are relative to its directory; artifacts are
// relative to the output root, which is the stack's directory unless `stackc build --out` moved it
// (`stackFile`, stack.yaml relative to the output root, is then `../stack.yaml` or `deploy/stack.yaml`).
// One set of rules, so every target rebases a build context or a site root the same way.
import { posix } from 'node:path';

/**
 * A stack-relative path (`frontend`, `.`) as seen from the output root, or `undefined` when it lies
 * outside the output root (the output root is a subdirectory of the project).
 */
export function fromOutputRoot(path: string, stackFile: string): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(stackFile), path));
  return joined === '..' || joined.startsWith('../') ? undefined : joined;
}

/**
 * A stack-relative path as a file at the output root refers to it (what Compose reads from the
 * compose file's directory): `./backend` beside stack.yaml, `../backend` when the files are written
 * to a subdirectory.
 */
export function relativePath(path: string, stackFile: string): string {
  const joined = posix.join(posix.dirname(stackFile), path);
  return joined === '.' || joined === '..' || joined.startsWith('../') ? joined : `./${joined}`;
}

/** `dir/name`, or `name` for the root directory. */
export const inDirectory = (dir: string, name: string): string => (dir === '.' ? name : `${dir}/${name}`);

/**
 * `to` relative to the directory `from`, both relative to the same root, without consulting the
 * working directory (node's `path.relative` resolves against it). `from` never climbs out of the
 * root (it is a file's directory in the output), so the result is exact.
 */
export function relativeFrom(from: string, to: string): string {
  const a = from === '.' ? [] : from.split('/');
  const b = to === '.' ? [] : to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)];
  return parts.length ? parts.join('/') : '.';
}

/**
 * Paths between a generated file and a build context. The file is at `filePath` under the output
 * root; the context is `<dirname(stackFile)>/<context>` from the output root.
 * @returns `fromRoot`: the context from the output root; `toContext`: the context from the file's
 * directory (`.` when the file is in it).
 */
export function contextPaths(filePath: string, context: string, stackFile: string): { fromRoot: string; toContext: string } {
  const fromRoot = posix.normalize(posix.join(posix.dirname(stackFile), context));
  return { fromRoot, toContext: relativeFrom(posix.dirname(filePath), fromRoot) };
}
