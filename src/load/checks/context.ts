import type { Diagnostic, Severity, SourceRef } from '../../diagnostics/diagnostic.js';
import type { StackFile } from '../../model/stack-file.generated.js';
import type { DataPath, Stack } from '../../model/stack.js';
import { locate, type ParsedSource } from '../parse.js';

export interface CheckContext {
  data: StackFile;
  source: ParsedSource;
  /** Environment names, declared or implied (`development`). */
  environments: string[];
  report(problem: Problem): void;
}

export interface Problem {
  path: DataPath;
  /** A precise position inside the node at `path` (e.g. one reference in a string). */
  at?: SourceRef;
  atKey?: boolean;
  code: string;
  message: string;
  hint?: string;
  severity?: Severity;
  related?: { message: string; path: DataPath }[];
}

/** A check over the validated data, before normalization. */
export type DataCheck = (ctx: CheckContext) => void;
/** A check over the normalized model (per-environment views). */
export type ModelCheck = (stack: Stack, ctx: CheckContext) => void;

export function createContext(data: StackFile, source: ParsedSource, environments: string[], out: Diagnostic[]): CheckContext {
  const seen = new Set<string>();
  return {
    data,
    source,
    environments,
    report({ path, at: precise, atKey, code, message, hint, severity = 'error', related }) {
      const at = precise ?? locate(source, path, { key: atKey });
      const id = `${code}:${at.line}:${at.col}:${message}`;
      if (seen.has(id)) return; // the same problem found in several environments is one problem
      seen.add(id);
      out.push({
        severity,
        code,
        message,
        at,
        ...(hint ? { hint } : {}),
        ...(related ? { related: related.map((r) => ({ message: r.message, at: locate(source, r.path, { key: true }) })) } : {}),
      });
    },
  };
}

export const entries = <T>(map: Record<string, T> | undefined): [string, T][] => Object.entries(map ?? {});

type RawService = NonNullable<StackFile['services']>[string];

/**
 * Services and jobs as written, with the path of each (`services.<name>`, `jobs.<name>`): the
 * checks of settings the two share (env, secrets, build, volumes) read both. A job's keys are a
 * subset of a service's.
 */
export const containerEntries = (data: StackFile): [DataPath, string, RawService][] => [
  ...entries(data.services).map(([name, s]): [DataPath, string, RawService] => [['services', name], name, s]),
  ...entries(data.jobs).map(([name, j]): [DataPath, string, RawService] => [['jobs', name], name, j as RawService]),
];
