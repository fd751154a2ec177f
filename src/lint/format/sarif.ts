// `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it — relative `%SRCROOT%` paths,
// a region on every result, rule metadata with help, `security-severity` for ranking, and
// `partialFingerprints` that survive lines moving (never `primaryLocationLineHash`, which GitHub owns).
import { REPOSITORY_URL } from '../docs-url.js';
import type { Diagnostic, SourceRef } from '../../diagnostics/diagnostic.js';
import type { LintResult } from '../engine.js';
import type { FindingSeverity } from '../rule.js';
import { ruleMarkdown } from '../rule-docs.js';

const LEVEL: Record<FindingSeverity | 'off', string> = { error: 'error', warn: 'warning', info: 'note', off: 'none' };

export function formatSarif(result: LintResult, tool: { version: string }): string {
  const rules = result.rules.map(({ rule, level }) => ({
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: rule.meta.docs.why },
    helpUri: `${REPOSITORY_URL}/blob/main/docs/rules/${rule.meta.id}.md`,
    help: { text: `${rule.meta.docs.why}\n\n${rule.meta.docs.fix}`, markdown: ruleMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[level] },
    properties: {
      tags: [rule.meta.category, ...(rule.meta.securitySeverity !== undefined ? ['security'] : [])].filter((t, i, all) => all.indexOf(t) === i),
      precision: 'high',
      ...(rule.meta.securitySeverity !== undefined ? { 'security-severity': rule.meta.securitySeverity.toFixed(1) } : {}),
    },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message}\nHint: ${f.hint}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.col, endLine: f.endLine, endColumn: Math.max(f.endCol, f.endLine === f.line ? f.col + 1 : 1) },
        },
      },
    ],
    partialFingerprints: { 'stackc/v1': f.fingerprint },
    ...(f.suppressed
      ? { suppressions: [{ kind: 'inSource', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) }] }
      : f.baselined
        ? { suppressions: [{ kind: 'external', justification: 'in the stackc lint baseline' }], baselineState: 'unchanged' }
        : {}),
  }));
  // What stopped the run (an invalid stack.yaml, a bad lint configuration) are results too, so that
  // code scanning shows them where they are and an `if: always()` upload has a log to upload.
  const errors = result.diagnostics.filter((d): d is Diagnostic & { at: SourceRef } => d.severity === 'error' && d.at !== undefined);
  for (const code of new Set(errors.map((d) => d.code))) {
    index.set(code, rules.length);
    rules.push({
      id: code,
      name: code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: `stackc could not lint the stack: ${code}` },
      fullDescription: { text: 'stackc could not lint this stack: the stack file does not load, or the lint configuration is invalid. Nothing else was checked.' },
      helpUri: `${REPOSITORY_URL}/blob/main/docs/diagnostics.md`,
      help: { text: 'Fix the error (stackc validate shows it with its code frame), then lint again.', markdown: 'Fix the error (`stackc validate` shows it with its code frame), then lint again.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['validity'], precision: 'high' },
    });
  }
  const failures = errors.map((d) => ({
    ruleId: d.code,
    ruleIndex: index.get(d.code)!,
    level: 'error',
    message: { text: d.hint ? `${d.message}\nHint: ${d.hint}` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(d.at.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: d.at.line, startColumn: d.at.col, endLine: d.at.endLine, endColumn: Math.max(d.at.endCol, d.at.endLine === d.at.line ? d.at.col + 1 : 1) },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'stackc', semanticVersion: tool.version, version: tool.version, informationUri: REPOSITORY_URL, rules } },
        columnKind: 'utf16CodeUnits',
        ...(failures.length > 0 ? { invocations: [{ executionSuccessful: false, toolExecutionNotifications: failures.map((f) => ({ level: 'error', message: f.message, locations: f.locations })) }] } : {}),
        results: [...failures, ...results],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
