// stack.yaml text → Stack model, or diagnostics. `loadStackText` is pure; `loadStackFile` adds the read.
import { statSync } from 'node:fs';
import { utf16Problem } from './utf16.js';
import { dirname, relative, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { StackFile } from '../model/stack-file.generated.js';
import type { DataPath, Stack } from '../model/stack.js';
import { createContext } from './checks/context.js';
import { DATA_CHECKS, MODEL_CHECKS } from './checks/index.js';
import { validate } from './generated/validate-stack.js';
import { DEFAULT_ENVIRONMENT } from '../model/defaults.js';
import { normalize } from './normalize.js';
import { readBounded } from './read-bounded.js';
import { findNode, PARSE_LIMITS, parseSource, rangeToRef, type ParsedSource } from './parse.js';
import { schemaDiagnostics } from './schema-errors.js';

export interface LoadResult {
  /** Present when there are no errors. */
  stack?: Stack;
  source?: ParsedSource;
  /** Errors and warnings, sorted by position. */
  diagnostics: Diagnostic[];
}

export interface LoadTextOptions {
  /** File name shown in diagnostics. */
  file: string;
  /** Absolute project root (the directory of stack.yaml). */
  root: string;
}

export function loadStackText(text: string, { file, root }: LoadTextOptions): LoadResult {
  const { source, diagnostics } = parseSource(file, text);
  if (hasErrors(diagnostics)) return { source, diagnostics: sortDiagnostics(diagnostics) };

  if (!validate(source.data)) {
    return { source, diagnostics: sortDiagnostics([...diagnostics, ...schemaDiagnostics(source, validate.errors ?? [])]) };
  }
  const data = source.data as StackFile;
  const environments = data.environments && Object.keys(data.environments).length > 0 ? keyOrder(source, ['environments'])! : [DEFAULT_ENVIRONMENT];
  const ctx = createContext(data, source, environments, diagnostics);
  for (const check of DATA_CHECKS) check(ctx);
  if (hasErrors(diagnostics)) return { source, diagnostics: sortDiagnostics(diagnostics) };

  const stack = normalize({ data, root, file, keyOrder: (path) => keyOrder(source, path) });
  for (const check of MODEL_CHECKS) check(stack, ctx);
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { source, diagnostics: sorted } : { stack, source, diagnostics: sorted };
}

/** Map keys in the order written, which JavaScript objects do not keep for keys like `1`. */
function keyOrder(source: ParsedSource, path: DataPath): string[] | undefined {
  const { node, found } = findNode(source.doc, path);
  if (!found || !isMap(node)) return undefined;
  const keys: string[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) return undefined;
    const key = String(pair.key.value);
    if (key === '<<') return undefined; // merged maps: fall back to the data's own order
    keys.push(key);
  }
  return keys;
}

/** Reads and loads a stack file. Read failures (missing, too big, not UTF-8) become diagnostics. */
export function loadStackFile(path: string, cwd = process.cwd()): LoadResult & { text?: string } {
  const absolute = resolve(cwd, path);
  const file = relative(cwd, absolute) || absolute;
  const failure = (message: string, hint: string, at?: Diagnostic['at']): LoadResult => ({ diagnostics: [{ severity: 'error', code: 'unreadable-file', message, hint, ...(at ? { at } : {}) }] });
  let bytes: Buffer;
  try {
    const stats = statSync(absolute);
    if (stats.isDirectory()) return failure(`${file} is a directory`, 'pass the stack file itself, e.g. `-f stack.yaml`, or `-C <dir>` to work in another directory');
    const limit = `stack files are limited to ${PARSE_LIMITS.maxBytes / 1024 / 1024} MiB`;
    if (stats.size > PARSE_LIMITS.maxBytes) return failure(`${file} is ${(stats.size / 1024 / 1024).toFixed(1)} MiB; ${limit}`, 'is this the right file?');
    // A pipe or device has no size to check first: read up to the bound.
    const read = readBounded(absolute, PARSE_LIMITS.maxBytes);
    if (!read) return failure(`${file} holds more than ${PARSE_LIMITS.maxBytes / 1024 / 1024} MiB; ${limit}`, 'is this the right file?');
    bytes = read;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failure(`${file} does not exist`, 'create one with `stackc init`, or point to it with `-f <file>`');
    if (code === 'EACCES') return failure(`${file} cannot be read (permission denied)`, 'check the file permissions');
    throw error;
  }
  const utf16 = utf16Problem(bytes, file);
  if (utf16) return { diagnostics: [{ severity: 'error', code: 'not-utf8', ...utf16, at: { file, line: 1, col: 1, endLine: 1, endCol: 1 } }] };
  const decoded = decodeUtf8(bytes);
  if (typeof decoded !== 'string') {
    const { source } = parseSource(file, bytes.subarray(0, decoded.offset).toString('utf8'));
    const at = rangeToRef(file, source.lineCounter, source.text.length, source.text.length);
    return { diagnostics: [{ severity: 'error', code: 'not-utf8', message: `${file} is not valid UTF-8 (byte 0x${bytes[decoded.offset]!.toString(16).padStart(2, '0')} at offset ${decoded.offset})`, hint: 'save the file as UTF-8', at }] };
  }
  return { ...loadStackText(decoded, { file, root: dirname(absolute) }), text: decoded };
}

/** Decodes strict UTF-8, or returns the offset of the first invalid byte. */
function decodeUtf8(bytes: Uint8Array): string | { offset: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoding marks each invalid sequence with U+FFFD; skip any U+FFFD written in the file.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    let index = lenient.indexOf('\uFFFD');
    while (index >= 0) {
      const offset = Buffer.byteLength(lenient.slice(0, index), 'utf8');
      if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return { offset };
      index = lenient.indexOf('\uFFFD', index + 1);
    }
    return { offset: 0 };
  }
}

/** The default stack file names, in the order they are looked for. */
export const STACK_FILE_NAMES = ['stack.yaml', 'stack.yml'];

export { findNode };
