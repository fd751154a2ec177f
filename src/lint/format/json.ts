// `--format json`: a versioned document for scripts. Version 1 promises: fields are only added,
// never renamed or removed, within a major version of stackc.
import type { LintResult } from '../engine.js';
import { summarize } from '../summary.js';

export const JSON_FORMAT_VERSION = 1;

export function formatJson(result: LintResult, tool: { version: string }): string {
  return `${JSON.stringify(
    {
      version: JSON_FORMAT_VERSION,
      tool: { name: 'stackc', version: tool.version },
      summary: summarize(result.findings),
      findings: result.findings,
      rules: result.rules.map((r) => ({ id: r.rule.meta.id, level: r.level })),
      // What stopped the run (an invalid stack.yaml, a bad lint configuration); empty when it ran.
      errors: result.diagnostics.filter((d) => d.severity === 'error').map(({ severity, code, message, hint, at }) => ({ severity, code, message, ...(hint ? { hint } : {}), ...(at ?? {}) })),
    },
    null,
    2,
  )}\n`;
}
