// A baseline records known findings so a team can adopt lint on an existing project and fail only on
// new ones. Entries are keyed by rule, project-relative file and model path (plus a hash for
// secrets): never line numbers, never timestamps, never a secret value, so the file neither churns
// when lines move nor conflicts in a merge queue.
import { sha256Hex } from './sha256-hex.js';
import { byCodePoint } from '../model/order.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE = '.stackc/lint-baseline.json';

export interface BaselineEntry {
  rule: string;
  file: string;
  pointer: string;
  fingerprint: string;
}

export interface Baseline {
  has(fingerprint: string): boolean;
  entries: readonly BaselineEntry[];
}

export function fingerprintOf(rule: string, projectFile: string, pointer: string, key?: string, secretHash?: string): string {
  return sha256Hex([rule, projectFile, pointer, key ?? '', secretHash ?? ''].join('\0')).slice(0, 32);
}

export function baselineOf(entries: readonly BaselineEntry[]): Baseline {
  const set = new Set(entries.map((e) => e.fingerprint));
  return { has: (f) => set.has(f), entries };
}

/** Parses a baseline file; returns a message for anything that is not one. */
export function parseBaseline(text: string): Baseline | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  const d = data as { version?: unknown; findings?: unknown };
  if (typeof d !== 'object' || d === null || d.version !== BASELINE_VERSION || !Array.isArray(d.findings)) {
    return `it is not a stackc lint baseline (version ${BASELINE_VERSION} with a \`findings\` list)`;
  }
  const entries = d.findings.filter((e): e is BaselineEntry => typeof e === 'object' && e !== null && typeof (e as BaselineEntry).fingerprint === 'string');
  return baselineOf(entries);
}

/** The baseline file's text: sorted, one finding per entry, ending with a newline. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const unique = new Map(entries.map((e) => [e.fingerprint, { rule: e.rule, file: e.file, pointer: e.pointer, fingerprint: e.fingerprint }]));
  const sorted = [...unique.values()].sort((a, b) => byCodePoint(a.file, b.file) || byCodePoint(a.rule, b.rule) || byCodePoint(a.pointer, b.pointer) || byCodePoint(a.fingerprint, b.fingerprint));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'stackc lint', findings: sorted }, null, 2)}\n`;
}
