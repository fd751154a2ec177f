// Text for people and tools: the same renderings the CLI prints, without colour.
import pkg from '../../package.json' with { type: 'json' };
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary, plain, type Palette } from '../diagnostics/format.js';
import { formatJson as diffJson } from '../diff/format/json.js';
import { formatMarkdown } from '../diff/format/markdown.js';
import { formatText } from '../diff/format/text.js';
import type { DiffReport } from '../diff/model.js';
import type { LintResult } from '../lint/engine.js';
import { formatGithub } from '../lint/format/github.js';
import { formatJson as lintJson } from '../lint/format/json.js';
import { formatPretty } from '../lint/format/pretty.js';
import { formatSarif } from '../lint/format/sarif.js';

/** Diagnostics as `stackc` prints them: `file:line:col: error: ...`, the offending lines, the hint, and a summary line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string> = new Map()): string {
  if (diagnostics.length === 0) return '';
  return `${diagnostics.map((d) => formatDiagnostic(d, sources, plain)).join('\n\n')}\n\n${formatSummary(diagnostics)}\n`;
}

export type LintFormat = 'pretty' | 'json' | 'sarif' | 'github';

/** A lint result in one of `stackc lint --format`'s formats (`sarif` for GitHub code scanning, `github` for workflow annotations). */
export function formatLint(result: LintResult, format: LintFormat = 'pretty', options: { maxWarnings?: number; palette?: Palette } = {}): string {
  switch (format) {
    case 'json':
      return lintJson(result, pkg);
    case 'sarif':
      return formatSarif(result, pkg);
    case 'github':
      return formatGithub(result);
    default:
      return formatPretty(result, options.palette ?? plain, options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings });
  }
}

export type DiffFormat = 'text' | 'markdown' | 'json';

export interface DiffFormatOptions {
  /** Only the summary: risky changes, counts and resource changes, no file diffs. */
  summaryOnly?: boolean;
  /** Markdown: the largest output in characters (default 60000). */
  maxSize?: number;
}

/** A diff report as `stackc diff --format` prints it. */
export function formatDiff(report: DiffReport, format: DiffFormat = 'text', options: DiffFormatOptions = {}): string {
  const summaryOnly = options.summaryOnly ?? false;
  if (format === 'json') return diffJson(report, { summaryOnly });
  if (format === 'markdown') return formatMarkdown(report, { summaryOnly, ...(options.maxSize !== undefined ? { maxSize: options.maxSize } : {}) });
  return formatText(report, plain, { summaryOnly });
}
