// A service's environment as Compose computes it: `env_file` files in order, then `environment`
// (which wins). Each variable keeps where it was written, for notes and secret reports.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { SourceRef } from '../diagnostics/diagnostic.js';
import { parseDotenv } from './dotenv.js';
import type { Notes } from './notes.js';
import type { Environment } from './read.js';
import { get, str, type CMap, type CScalar } from './tree.js';

export interface EnvEntry {
  name: string;
  /** `null`: no value (`- NAME`), taken from the shell when the container starts. */
  value: string | null;
  /** Variables interpolated into the value. */
  vars: string[];
  /** `${VAR:?msg}` of an unset variable. */
  interpolationError?: string;
  /** The value is exactly one `${VAR...}` whose variable is unset. */
  unsetVariable?: string;
  /** Written as a YAML number or boolean whose text Compose passes differently (`1.10` → `1.1`). */
  retyped?: string;
  from: 'environment' | 'env_file';
  envFile?: string;
  at: SourceRef;
}

export interface EnvContext {
  env: Environment;
  notes: Notes;
  /** Absolute directory of each compose file, by its shown name. */
  fileDirs: ReadonlyMap<string, string>;
  cwd: string;
}

export function serviceEnvironment(composeName: string, service: CMap, ctx: EnvContext): EnvEntry[] {
  const out = new Map<string, EnvEntry>();
  const files = get(service, 'env_file');
  for (const item of files?.kind === 'seq' ? files.items : []) {
    const path = item.kind === 'scalar' ? str(item) : str(get(item, 'path'));
    const required = item.kind === 'map' ? str(get(item, 'required')) !== 'false' : true;
    if (!path) continue;
    const absolute = resolve(ctx.fileDirs.get(item.at.file) ?? ctx.cwd, path);
    const shown = relative(ctx.cwd, absolute) || absolute;
    if (!existsSync(absolute)) {
      if (required) {
        ctx.notes.dropped(item.at, `env_file \`${path}\``, `${shown} does not exist, so its variables are unknown`, { hint: `create it (Compose refuses to start without it) and run \`stackc import\` again`, affects: { service: composeName, aspect: 'env' } });
      }
      continue;
    }
    const parsed = parseDotenv(readFileSync(absolute, 'utf8'), ctx.env.lookup);
    for (const p of parsed.problems) ctx.notes.dropped({ file: shown, line: p.line, col: 1, endLine: p.line, endCol: 2 }, `a line of ${shown}`, p.message);
    for (const e of parsed.entries) {
      out.delete(e.name);
      out.set(e.name, { name: e.name, value: e.value, vars: [], from: 'env_file', envFile: shown, at: { file: shown, line: e.line, col: 1, endLine: e.line, endCol: e.name.length + 1 } });
    }
  }
  const environment = get(service, 'environment');
  for (const e of environment?.kind === 'map' ? environment.entries : []) {
    const s = e.value as CScalar;
    if (s.kind !== 'scalar') continue;
    const value = s.value === null ? null : String(s.value);
    const entry: EnvEntry = { name: e.key, value, vars: s.vars, from: 'environment', at: e.keyAt };
    if (s.interpolationError !== undefined) entry.interpolationError = s.interpolationError;
    const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[?])?[^}]*\}?$/.exec(s.raw.replace(/^(['"])([\s\S]*)\1$/, '$2').replace(/^[A-Za-z_][A-Za-z0-9_.-]*=/, ''));
    if (whole && ctx.env.lookup(whole[1]!) === undefined && !/:?-/.test(s.raw)) entry.unsetVariable = whole[1]!;
    if (!s.quoted && typeof s.value !== 'string' && s.value !== null && s.raw !== String(s.value)) entry.retyped = s.raw;
    out.delete(e.key);
    out.set(e.key, entry);
  }
  return [...out.values()];
}
