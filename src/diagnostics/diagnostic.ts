import { byCodePoint } from '../model/order.js';

/** A position range in a source file; lines and columns are 1-based, `end*` is exclusive. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier of the kind of problem, e.g. `unknown-key`. */
  code: string;
  message: string;
  at?: SourceRef;
  hint?: string;
  /** Other places that explain the problem (the first definition of a duplicate, ...). */
  related?: { message: string; at: SourceRef }[];
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorts by file, position, then message, so output does not depend on discovery order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      byCodePoint(a.at?.file ?? '', b.at?.file ?? '') ||
      (a.at?.line ?? 0) - (b.at?.line ?? 0) ||
      (a.at?.col ?? 0) - (b.at?.col ?? 0) ||
      byCodePoint(a.message, b.message),
  );
}

/** Thrown for user mistakes that stop a command: the CLI prints the diagnostics and exits 2. */
export class UserError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'UserError';
  }
}

export const userError = (message: string, hint?: string, at?: SourceRef): UserError =>
  new UserError([{ severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}), ...(at ? { at } : {}) }]);
