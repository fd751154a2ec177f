// loadStack: stack.yaml (a path, or text) → the Stack model and its diagnostics. Never throws for a
// user's mistake (missing file, bad YAML, schema errors, broken references): those are diagnostics.
import { basename, join, relative, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadStackFile, loadStackText } from '../load/load-stack.js';
import type { ParsedSource } from '../load/parse.js';
import type { Stack } from '../model/stack.js';

/** A stack that loaded without errors: what `build`, `lint` and `graph` take. */
export interface LoadedStack {
  ok: true;
  stack: Stack;
  /** The parsed stack.yaml, with source positions (diagnostics and findings point into it). */
  source: ParsedSource;
  /** Absolute path of stack.yaml (generated headers name it relative to the output root). */
  stackPath: string;
  /** Warnings and notes; never errors. */
  diagnostics: Diagnostic[];
  /** File name → text, for code frames (`formatDiagnostics`). */
  sources: Map<string, string>;
}

/** A stack that did not load: `diagnostics` says why, at file:line:col where there is a position. */
export interface FailedStack {
  ok: false;
  stack?: undefined;
  source?: ParsedSource;
  stackPath: string;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

export type LoadStackResult = LoadedStack | FailedStack;

export interface StackText {
  /** stack.yaml's content. */
  text: string;
  /** The file name diagnostics show (default `stack.yaml`). */
  file?: string;
  /** The project directory: relative paths in the stack (build contexts, plugins) are resolved against it (default: `cwd`). */
  root?: string;
}

export interface LoadOptions {
  /** Directory a relative path (and `root`) is resolved against, and diagnostics are shown relative to (default `process.cwd()`). */
  cwd?: string;
}

/**
 * Loads a stack file (`loadStack('stack.yaml')`) or text (`loadStack({ text, file, root })`):
 * parse, schema validation, defaults, environment overrides, `${...}` references and the
 * semantic checks `stackc validate` runs. Check `ok` (or `stack`) before using the result.
 */
export function loadStack(input: string | StackText, options: LoadOptions = {}): LoadStackResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  let result: ReturnType<typeof loadStackText>;
  let stackPath: string;
  if (typeof input === 'string') {
    stackPath = resolve(cwd, input);
    try {
      result = loadStackFile(input, cwd);
    } catch (error) {
      // The reads loadStackFile does not explain itself (ENOTDIR, ELOOP, EIO, ...) are still the user's to fix.
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw error;
      const file = relative(cwd, stackPath) || stackPath;
      return { ok: false, stackPath, diagnostics: [{ severity: 'error', code: 'unreadable-file', message: `${file} cannot be read (${code})`, hint: 'check the path: `-f` names the stack file, `-C` the directory to work in' }], sources: new Map() };
    }
  } else {
    const file = input.file ?? 'stack.yaml';
    const root = resolve(cwd, input.root ?? '.');
    stackPath = join(root, basename(file));
    result = loadStackText(input.text, { file, root });
  }
  const sources = new Map(result.source ? [[result.source.file, result.source.text]] : []);
  if (result.stack && result.source && !hasErrors(result.diagnostics)) {
    return { ok: true, stack: result.stack, source: result.source, stackPath, diagnostics: result.diagnostics, sources };
  }
  return { ok: false, ...(result.source ? { source: result.source } : {}), stackPath, diagnostics: result.diagnostics, sources };
}
