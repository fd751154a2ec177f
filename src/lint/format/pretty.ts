// The terminal report: findings grouped by file, each compiler-style with a code frame, the rule id,
// a hint and its docs link; then one summary line. Secrets are already masked in messages and frames.
import { formatDiagnostic, type Palette } from '../../diagnostics/format.js';
import type { Finding, LintResult } from '../engine.js';
import { active, summarize, summaryText } from '../summary.js';
import { plural } from '../../vocabulary/plural.js';

const SEVERITY = { error: 'error', warn: 'warning', info: 'info' } as const;

export function formatPretty(result: LintResult, p: Palette, opts: { maxWarnings?: number } = {}): string {
  const shown = active(result.findings);
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push(p.bold(file));
    for (const f of findings) {
      const text = formatDiagnostic(
        { severity: SEVERITY[f.severity], code: f.ruleId, message: f.message, at: { file: f.file, line: f.line, col: f.col, endLine: f.endLine, endCol: f.endCol }, ...(f.hint ? { hint: f.hint } : {}) },
        result.sources,
        p,
      );
      out.push(`${text}\n  ${p.dim(`docs: ${f.docs}`)}`, '');
    }
  }
  const summary = summarize(result.findings);
  const over = opts.maxWarnings !== undefined && summary.warnings > opts.maxWarnings ? ` — more than --max-warnings ${opts.maxWarnings}` : '';
  const mark = summary.errors > 0 || over ? p.error('✖') : p.bold('✔');
  out.push(`${mark} ${summaryText(summary)}${over} · ${plural(result.rules.length, 'rule')}`);
  return out.join('\n');
}
