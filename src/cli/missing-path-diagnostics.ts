// `stackc validate`'s check that build contexts and static roots exist, as diagnostics at their lines.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoadedStack } from '../api/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { locate } from '../load/parse.js';
import { missingPaths } from '../project/missing-paths.js';

export function missingPathDiagnostics(loaded: LoadedStack): Diagnostic[] {
  const root = loaded.stack.root;
  const kind = (relative: string) => {
    try {
      return statSync(join(root, relative)).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'nothing';
    }
  };
  return missingPaths(loaded.source.data, kind).map((m) => ({
    severity: 'error',
    code: 'missing-path',
    message: m.found === 'nothing' ? `${m.what} \`${m.text}\` does not exist` : `${m.what} \`${m.text}\` is ${m.found}, not a ${m.expected}`,
    hint: `${(m.expected === 'directory' ? siblingHint(root, m.text) : undefined) ?? `create the ${m.expected}, or correct the path`} (paths are relative to the directory of ${loaded.source.file})`,
    at: locate(loaded.source, m.path),
  }));
}

/** "did you mean `./backend`?" when a directory beside the missing one has a close name. */
function siblingHint(root: string, text: string): string | undefined {
  const parent = dirname(text);
  let names: string[];
  try {
    names = readdirSync(join(root, parent), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return undefined;
  }
  const trimmed = text.replace(/\/+$/, '');
  const base = trimmed.split('/').at(-1)!;
  const prefix = trimmed.slice(0, trimmed.length - base.length);
  const hint = didYouMean(base, names);
  return hint?.replace(/`([^`]*)`/, (_, name: string) => `\`${prefix}${name}\``);
}
