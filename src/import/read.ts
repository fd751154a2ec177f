// Finding, reading and parsing compose files, with `.env` and process-environment interpolation.
// Every failure is a diagnostic at file:line:col; nothing here writes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { utf16Problem } from '../load/utf16.js';
import { relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, SourceRef } from '../diagnostics/diagnostic.js';
import { PARSE_LIMITS, rangeToRef, yamlMessage } from '../load/parse.js';
import { parseDotenv } from './dotenv.js';
import { interpolateString, type Lookup } from './interpolate.js';
import { scalars, toTree, type CMap } from './tree.js';

/** The names Compose looks for, in its order; the first found is the project's file. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const OVERRIDE_FILE_NAMES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** The files `docker compose` reads without `-f` in `dir`: the main file and its override, if any. */
export function defaultComposeFiles(dir: string): string[] {
  const main = COMPOSE_FILE_NAMES.find((n) => existsSync(resolve(dir, n)));
  if (!main) return [];
  // Compose reads the override that matches the main file's spelling (compose.* or docker-compose.*).
  const prefix = main.startsWith('docker-') ? 'docker-compose.override' : 'compose.override';
  const override = OVERRIDE_FILE_NAMES.find((n) => n.startsWith(prefix) && existsSync(resolve(dir, n)));
  return override ? [main, override] : [main];
}

export interface ComposeFile {
  /** As shown in messages (relative to the working directory). */
  file: string;
  absolute: string;
  text: string;
  root: CMap;
}

export interface Environment {
  lookup: Lookup;
  /** Where each variable came from, for messages. */
  origin(name: string): 'environment' | 'env-file' | undefined;
  /** The env file read, shown as the user would name it, when there was one. */
  envFile?: string;
}

const fail = (code: string, message: string, hint: string, at?: SourceRef): Diagnostic => ({ severity: 'error', code, message, hint, ...(at ? { at } : {}) });

/** Reads `.env` (or `--env-file`) and layers the process environment over it, as Compose does. */
export function loadEnvironment(envFilePath: string | undefined, cwd: string, processEnv: NodeJS.ProcessEnv, required: boolean): { env: Environment; diagnostics: Diagnostic[] } {
  const fileValues = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let shown: string | undefined;
  if (envFilePath) {
    const absolute = resolve(cwd, envFilePath);
    shown = relative(cwd, absolute) || absolute;
    if (!existsSync(absolute)) {
      if (required) diagnostics.push(fail('unreadable-file', `${shown} does not exist`, 'pass an existing file to `--env-file`, or leave it out to read `.env` next to the first compose file'));
    } else {
      const lookupProcess = (n: string) => processEnv[n];
      const parsed = parseDotenv(readFileSync(absolute, 'utf8'), lookupProcess);
      for (const p of parsed.problems) {
        diagnostics.push(fail('env-file-syntax', `${p.message} in ${shown}`, 'each line of an env file is `NAME=value`, a comment (`# ...`) or empty', { file: shown, line: p.line, col: 1, endLine: p.line, endCol: 2 }));
      }
      for (const e of parsed.entries) fileValues.set(e.name, e.value);
    }
  }
  const env: Environment = {
    lookup: (name) => processEnv[name] ?? fileValues.get(name),
    origin: (name) => (processEnv[name] !== undefined ? 'environment' : fileValues.has(name) ? 'env-file' : undefined),
    ...(shown && fileValues.size > 0 ? { envFile: shown } : {}),
  };
  return { env, diagnostics };
}

/** Reads and parses one compose file; interpolates every string scalar with `env`. */
export function readComposeFile(path: string, cwd: string, env: Environment): { file?: ComposeFile; diagnostics: Diagnostic[] } {
  const absolute = resolve(cwd, path);
  const shown = relative(cwd, absolute) || absolute;
  let text: string;
  try {
    const stats = statSync(absolute);
    if (stats.isDirectory()) return { diagnostics: [fail('unreadable-file', `${shown} is a directory`, 'name the compose file itself, e.g. `stackc import compose.yaml`')] };
    if (stats.size > PARSE_LIMITS.maxBytes) return { diagnostics: [fail('unreadable-file', `${shown} is larger than ${PARSE_LIMITS.maxBytes / 1024 / 1024} MiB`, 'is this a compose file?')] };
    const bytes = readFileSync(absolute);
    const utf16 = utf16Problem(bytes, shown);
    if (utf16) return { diagnostics: [fail('not-utf8', utf16.message, utf16.hint)] };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { diagnostics: [fail('not-utf8', `${shown} is not valid UTF-8`, 'save the file as UTF-8')] };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { diagnostics: [fail('unreadable-file', `${shown} does not exist`, 'name an existing compose file, or run `stackc import` in the directory that holds compose.yaml')] };
    if (code === 'EACCES') return { diagnostics: [fail('unreadable-file', `${shown} cannot be read (permission denied)`, 'check the file permissions')] };
    throw error;
  }
  return parseComposeText(shown, absolute, text, env);
}

export function parseComposeText(file: string, absolute: string, text: string, env: Environment): { file?: ComposeFile; diagnostics: Diagnostic[] } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false, strict: false, version: '1.2' });
  const error = doc.errors[0];
  if (error) {
    const [start, end] = error.pos;
    const duplicate = error.code === 'DUPLICATE_KEY';
    return {
      diagnostics: [fail(duplicate ? 'duplicate-key' : 'yaml-syntax', duplicate ? 'duplicate key (Compose refuses the file too)' : yamlMessage(error.message), duplicate ? 'each key may appear once in a map; merge the two entries' : 'check the indentation and quoting; `docker compose config` shows how Compose reads the file', rangeToRef(file, lineCounter, start, end))],
    };
  }
  let root;
  try {
    root = toTree({ file, doc, lineCounter }, doc.contents);
  } catch (e) {
    if (e instanceof RangeError) return { diagnostics: [fail('alias-limit', 'aliases expand to too many nodes', 'write the values out instead of nesting aliases', rangeToRef(file, lineCounter, 0, 0))] };
    throw e;
  }
  const top = rangeToRef(file, lineCounter, 0, 0);
  if (root.kind !== 'map') {
    return { diagnostics: [fail('not-compose', `${file} is not a compose file: its top level is not a map`, 'a compose file has a top-level `services:` map', root.kind === 'scalar' && root.value === null ? top : root.at)] };
  }
  const keys = root.entries.map((e) => e.key);
  if (!keys.includes('services')) {
    const hint = keys.includes('apiVersion') && keys.includes('kind')
      ? 'this looks like a Kubernetes manifest; `stackc import` reads Docker Compose files'
      : keys.includes('stack')
        ? 'this looks like a stack.yaml already; validate it with `stackc validate -f ' + file + '`'
        : 'a compose file has a top-level `services:` map naming the containers to run';
    return { diagnostics: [fail('not-compose', `${file} is not a compose file: it has no \`services\``, hint, root.entries[0]?.keyAt ?? top)] };
  }
  const services = root.entries.find((e) => e.key === 'services')!;
  if (services.value.kind !== 'map' && !(services.value.kind === 'scalar' && services.value.value === null)) {
    return { diagnostics: [fail('not-compose', '`services` must be a map of service names to their settings', 'write `services:` followed by indented service names, e.g. `  web:`', services.value.at)] };
  }
  for (const s of services.value.kind === 'map' ? services.value.entries : []) {
    if (s.value.kind !== 'map' && !(s.value.kind === 'scalar' && s.value.value === null)) {
      return { diagnostics: [fail('not-compose', `service \`${s.key}\` must be a map of settings`, 'e.g. `image: nginx:1.27` indented under the service name', s.value.at)] };
    }
  }
  interpolateTree(root, env);
  return { file: { file, absolute, text, root }, diagnostics: [] };
}

/** Interpolates string scalars in place (the raw text is kept); keys are not interpolated, as in Compose. */
function interpolateTree(root: CMap, env: Environment): void {
  for (const e of root.entries) {
    if (e.key.startsWith('x-')) continue; // extension fields are not interpolated unless used through anchors
    for (const s of scalars(e.value)) {
      if (typeof s.value !== 'string' || !s.value.includes('$')) continue;
      const r = interpolateString(s.value, env.lookup);
      s.value = r.value;
      s.vars = r.vars;
      if (r.error) s.interpolationError = r.error.message;
    }
  }
}

