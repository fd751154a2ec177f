// The JSON format: the report as documented in docs/diff.md (`formatVersion: 1`). Keys are always
// present (empty lists rather than missing ones) so consumers need no guards; optional fields of an
// item are left out when they do not apply.
import type { DiffReport, FieldChange } from '../model.js';
import { fieldText } from './common.js';

export function formatJson(report: DiffReport, options: { summaryOnly?: boolean } = {}): string {
  const field = (c: FieldChange) => {
    const { segments: _segments, ...rest } = c;
    return { ...rest, text: fieldText(c) };
  };
  const out = {
    formatVersion: report.formatVersion,
    mode: report.mode,
    base: report.base,
    head: report.head,
    filters: { environment: report.filters.environment ?? null, target: report.filters.target ?? null },
    changed: report.changed,
    risky: report.risky,
    targets: report.targets,
    resources: report.resources.map((r) => ({ ...r, changes: r.changes.map(field) })),
    files: report.files.map((f) => (options.summaryOnly ? { ...f, patch: '' } : f)),
    formattingOnly: report.formattingOnly,
    notes: report.notes,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
