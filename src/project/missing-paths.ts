// The directories stack.yaml names that must exist for anything to build: each service's build
// context and static site root, in the service and in its environment overrides; and the files
// `files:` mounts (which `build` reads, and refuses there too: `missing-file`). Read by
// `stackc validate` only: loading a stack stays free of the file system (the library and the tests
// load stacks whose directories live elsewhere), and build/lint/graph/diff render config, which a
// missing directory does not change (docs/diagnostics.md, `missing-path`).
import type { DataPath } from '../model/stack.js';
import { projectPath } from '../load/values.js';

export interface MissingPath {
  /** Where stack.yaml names it. */
  path: DataPath;
  /** `build context`, `static site root` or `file`. */
  what: string;
  /** As written in stack.yaml. */
  text: string;
  /** What it must be. */
  expected: 'directory' | 'file';
  /** What is there instead: nothing, a file, or a directory. */
  found: 'nothing' | 'a file' | 'a directory';
}

/** Every build context and static root of `data` (stack.yaml as plain data) that is not a directory, per `kind`. */
export function missingPaths(data: unknown, kind: (relative: string) => 'directory' | 'file' | 'nothing'): MissingPath[] {
  const out: MissingPath[] = [];
  const check = (path: DataPath, text: unknown, what: string, expected: MissingPath['expected'] = 'directory') => {
    if (typeof text !== 'string') return;
    const relative = projectPath(text);
    if (relative === undefined) return; // outside the project: path-escapes-project says so
    const found = kind(relative);
    if (found !== expected) out.push({ path, what, text, expected, found: found === 'nothing' ? 'nothing' : `a ${found}` });
  };
  for (const [name, service] of Object.entries(asMap(asMap(data).services))) {
    const blocks: [DataPath, Record<string, unknown>][] = [[['services', name], asMap(service)]];
    for (const [env, override] of Object.entries(asMap(asMap(service).environments))) blocks.push([['services', name, 'environments', env], asMap(override)]);
    for (const [base, block] of blocks) {
      if (typeof block.build === 'string') check([...base, 'build'], block.build, 'build context');
      else check([...base, 'build', 'context'], asMap(block.build).context, 'build context');
      check([...base, 'static', 'root'], asMap(block.static).root, 'static site root');
      const files = Array.isArray(block.files) ? block.files : [];
      files.forEach((f, i) => check([...base, 'files', i, 'source'], asMap(f).source, 'file', 'file'));
    }
  }
  return out;
}

const asMap = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
