// Counting findings the same way for the summary line, the JSON summary and the exit code.
import type { Finding } from './engine.js';
import { plural } from '../vocabulary/plural.js';

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Hidden by an inline `stackc-disable` comment. */
  suppressed: number;
  /** Known from the baseline file. */
  baselined: number;
}

/** Findings that count: not suppressed, not in the baseline. */
export const active = (findings: readonly Finding[]): Finding[] => findings.filter((f) => !f.suppressed && !f.baselined);

export function summarize(findings: readonly Finding[]): LintSummary {
  const live = active(findings);
  return {
    errors: live.filter((f) => f.severity === 'error').length,
    warnings: live.filter((f) => f.severity === 'warn').length,
    infos: live.filter((f) => f.severity === 'info').length,
    suppressed: findings.filter((f) => f.suppressed).length,
    baselined: findings.filter((f) => !f.suppressed && f.baselined).length,
  };
}

/** Exit 1 on any error, or on more warnings than `maxWarnings` allows; never depends on the format. */
export function failed(summary: LintSummary, maxWarnings?: number): boolean {
  return summary.errors > 0 || (maxWarnings !== undefined && summary.warnings > maxWarnings);
}


/** `2 errors, 1 warning, 3 notes (1 suppressed, 2 in the baseline)` or `no problems`. */
export function summaryText(s: LintSummary): string {
  const counts = [s.errors && plural(s.errors, 'error'), s.warnings && plural(s.warnings, 'warning'), s.infos && plural(s.infos, 'note')].filter(Boolean);
  const hidden = [s.suppressed && `${s.suppressed} suppressed`, s.baselined && `${s.baselined} in the baseline`].filter(Boolean);
  return `${counts.length ? counts.join(', ') : 'no problems'}${hidden.length ? ` (${hidden.join(', ')})` : ''}`;
}
