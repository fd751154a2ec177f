// The terminal format: risky changes first, then counts per target, resource changes, and the
// per-file diffs. Coloured through the CLI's palette (so NO_COLOR, --no-color and pipes are plain).
import type { Palette } from '../../diagnostics/format.js';
import type { DiffReport } from '../model.js';
import { countsText, fileStatusText, fileSymbol, filtersText, formattingText, resourceLines, riskText, sidesText, totals } from './common.js';

export interface TextOptions {
  /** Leave out the per-file diffs. */
  summaryOnly?: boolean;
}

export function formatText(report: DiffReport, p: Palette, options: TextOptions = {}): string {
  const out: string[] = [];
  out.push(p.bold(`stackc diff: ${sidesText(report)}${filtersText(report)}`));
  const formatting = report.formattingOnly.length ? p.dim(` (${formattingText(report)})`) : '';

  if (!report.changed) {
    out.push(`no changes${formatting}`);
    for (const n of report.notes) out.push(p.dim(`note: ${n}`));
    return out.join('\n');
  }

  if (report.risky.length > 0) {
    out.push('', p.error(`Risky changes (${report.risky.length}):`));
    for (const r of report.risky) out.push(`  ${p.error('!')} ${riskText(r)}`);
  }

  const t = totals(report);
  out.push('', p.bold('Summary:'));
  out.push(`  files: ${countsText(t.files)}; resources: ${countsText(t.resources)}${formatting}`);
  const width = Math.max(...report.targets.map((x) => x.target.length), 6);
  for (const target of report.targets) out.push(`  ${target.target.padEnd(width)}  files: ${countsText(target.files).padEnd(28)} resources: ${countsText(target.resources)}`);

  if (report.resources.length > 0) {
    out.push('', p.bold('Resources:'));
    for (const r of report.resources) {
      for (const line of resourceLines(r)) out.push(`  ${colour(p, line.symbol)} ${line.text}`);
    }
  }

  if (report.files.length > 0 || report.formattingOnly.length > 0) {
    out.push('', p.bold('Files:'));
    for (const f of report.files) out.push(`  ${colour(p, fileSymbol(f))} ${f.path} ${p.dim(fileStatusText(f))}`);
    for (const f of report.formattingOnly) out.push(p.dim(`  = ${f.path} (${f.target}; ${f.previousPath ? `moved from ${f.previousPath}, same content` : 'comments, whitespace or ordering only'}: not a change)`));
  }

  for (const n of report.notes) out.push(p.dim(`note: ${n}`));

  if (!options.summaryOnly) {
    for (const f of report.files) {
      if (!f.patch) continue;
      out.push('', p.bold(`${fileSymbol(f)} ${f.path}`) + p.dim(` ${fileStatusText(f)}`));
      out.push(p.bold(`--- ${f.status === 'added' ? '/dev/null' : `a/${f.previousPath ?? f.path}`}`), p.bold(`+++ ${f.status === 'removed' ? '/dev/null' : `b/${f.path}`}`));
      for (const line of f.patch.split('\n')) out.push(line.startsWith('@@') ? p.dim(line) : line.startsWith('+') ? p.info(line) : line.startsWith('-') ? p.error(line) : line);
    }
  }
  return out.join('\n');
}

const colour = (p: Palette, symbol: string): string => (symbol === '+' ? p.info(symbol) : symbol === '-' ? p.error(symbol) : p.warning(symbol));
