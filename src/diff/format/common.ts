// Wording shared by the text and markdown formats, so both say the same thing the same way.
import { isObject, type Counts, type DiffReport, type FieldChange, type FileDiff, type Json, type ResourceChange, type RiskRule } from '../model.js';
import { plural } from '../../vocabulary/plural.js';

/** Field changes shown per resource before "… and N more". */
export const FIELDS_PER_RESOURCE = 12;

const MAX_VALUE = 80;

/** A value in one short line: `3`, `ghcr.io/acme/api:1.2`, `"two words"`, `[a, b]`, `{4 keys}`. */
export function showValue(value: Json | undefined): string {
  const text = render(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function render(value: Json | undefined): string {
  if (value === undefined) return '(none)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const bare = value !== '' && /^[^\s"'`,[\]{}#]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|-?\d[\d_.]*(e[+-]?\d+)?)$/i.test(value);
    return bare ? value : JSON.stringify(value.includes('\n') ? `${value.split('\n')[0]}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return `[${value.map(render).join(', ')}]`;
    return `[${plural(value.length, 'item')}]`;
  }
  const keys = Object.keys(value);
  if (keys.length <= 3 && keys.every((k) => !isObject(value[k]!) && !Array.isArray(value[k]!))) return `{${keys.map((k) => `${k}: ${render(value[k])}`).join(', ')}}`;
  return `{${plural(keys.length, 'key')}}`;
}

/** `spec.replicas 3 → 5`, `+ data.NEW = x`, `- env[OLD] = y`, `steps: order changed`. */
export function fieldText(c: FieldChange): string {
  switch (c.action) {
    case 'change':
      return `${c.path} ${showValue(c.before)} → ${showValue(c.after)}`;
    case 'add':
      return `+ ${c.path} = ${showValue(c.after)}`;
    case 'remove':
      return `- ${c.path} = ${showValue(c.before)}`;
    case 'order':
      return `${c.path}: order changed`;
  }
}

export const resourceSymbol = (r: ResourceChange): string => (r.action === 'add' ? '+' : r.action === 'remove' ? '-' : '~');

/** `Deployment pazpaz/api (production)`. */
export const resourceName = (r: ResourceChange): string => `${r.label}${r.environments.length ? ` (${r.environments.join(', ')})` : ''}`;

/** One line per field change (capped), or one line for an added or removed resource. */
export function resourceLines(r: ResourceChange): { symbol: string; text: string }[] {
  const head = `${resourceName(r)}`;
  const symbol = resourceSymbol(r);
  if (r.action !== 'change') return [{ symbol, text: head }];
  if (r.changes.length === 0) return [{ symbol, text: `${head}: content changed` }];
  const lines = r.changes.slice(0, FIELDS_PER_RESOURCE).map((c) => ({ symbol, text: `${head}: ${fieldText(c)}` }));
  if (r.changes.length > FIELDS_PER_RESOURCE) lines.push({ symbol, text: `${head}: … and ${r.changes.length - FIELDS_PER_RESOURCE} more changes (see the file diff)` });
  return lines;
}

export const RULE_TITLES: Record<RiskRule, string> = {
  'data-loss': 'data loss',
  'namespace-changed': 'namespace changed',
  'app-renamed': 'Fly app renamed',
  'service-renamed': 'service renamed on its platform',
  'replicas-reduced': 'replicas reduced to 1 in production',
  'rollout-downtime': 'deploys with downtime in production',
  'schedule-removed': 'schedule removed',
  'job-runs-more-often': 'job runs more often',
  'port-public': 'port made public',
  'host-removed': 'host removed',
  'healthcheck-removed': 'healthcheck removed',
  'security-relaxed': 'security relaxed',
  'mutable-image': 'mutable image tag',
  'secret-added': 'secret added',
  'secret-removed': 'secret removed',
};

export function riskText(r: DiffReport['risky'][number]): string {
  const envs = r.environments.length && !r.rule.startsWith('secret') ? ` (${r.environments.join(', ')})` : '';
  return `${RULE_TITLES[r.rule]}: ${r.message}${envs}`;
}

export { plural };

export function countsText(c: Counts & { moved?: number }): string {
  const parts = [c.added ? `${c.added} added` : '', c.changed ? `${c.changed} changed` : '', c.moved ? `${c.moved} moved` : '', c.removed ? `${c.removed} removed` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : '—';
}

export function fileStatusText(f: FileDiff): string {
  const what = f.status === 'moved' ? `moved from ${f.previousPath}` : f.status;
  const where = [f.target, f.environment].filter(Boolean).join(', ');
  const extra = f.drift ? `; ${f.detail ?? f.drift}` : '';
  const formatting = !f.semantic && f.status !== 'added' && f.status !== 'removed' ? '; comments, whitespace or ordering only' : '';
  const patched = f.patchedBy?.length ? `; patched by ${f.patchedBy.join(', ')}` : '';
  return `${what} (${where}${formatting}${extra}${patched})`;
}

export const fileSymbol = (f: FileDiff): string => (f.status === 'added' ? '+' : f.status === 'removed' ? '-' : f.status === 'moved' ? '→' : '~');

/** `origin/main (1a2b3c4) → working tree`. */
export const sidesText = (report: DiffReport): string => `${report.base.label} → ${report.head.label}`;

export function filtersText(report: DiffReport): string {
  const f = [report.filters.environment ? `--env ${report.filters.environment}` : '', report.filters.target ? `--target ${report.filters.target}` : ''].filter(Boolean);
  return f.length ? ` [${f.join(' ')}]` : '';
}

export function totals(report: DiffReport): { files: Counts & { moved: number }; resources: Counts } {
  const files = { added: 0, changed: 0, removed: 0, moved: 0 };
  const resources = { added: 0, changed: 0, removed: 0 };
  for (const t of report.targets) {
    (Object.keys(files) as (keyof typeof files)[]).forEach((k) => (files[k] += t.files[k]));
    (Object.keys(resources) as (keyof typeof resources)[]).forEach((k) => (resources[k] += t.resources[k]));
  }
  return { files, resources };
}

/** `3 files differ only in comments, whitespace or ordering` (or were only moved). */
export function formattingText(report: DiffReport): string {
  const n = report.formattingOnly.length;
  const moved = report.formattingOnly.some((f) => f.previousPath) ? ', or only moved' : '';
  return `${plural(n, 'file')} differ${n === 1 ? 's' : ''} only in comments, whitespace or ordering${moved}`;
}
