import type { Diagnostic } from './diagnostic.js';
import { plural } from '../vocabulary/plural.js';

/** Colour functions; the CLI passes chalk's (which honour NO_COLOR and non-TTY), tests pass none. */
export interface Palette {
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const plain: Palette = { error: String, warning: String, info: String, dim: String, bold: String };

/** Maps a file name to its text, for code frames. */
export type SourceTexts = ReadonlyMap<string, string>;

/**
 * Renders one diagnostic the way compilers do:
 *
 *   stack.yaml:4:1: error: unknown key `servces` [unknown-key]
 *      3 | name: shop
 *    > 4 | servces:
 *        | ^^^^^^^
 *      5 |   api:
 *     hint: did you mean `services`?
 */
export function formatDiagnostic(d: Diagnostic, sources: SourceTexts, p: Palette = plain): string {
  const where = d.at ? `${d.at.file}:${d.at.line}:${d.at.col}: ` : '';
  const label = p[d.severity](d.severity);
  const out = [`${p.bold(where)}${label}: ${p.bold(d.message)} ${p.dim(`[${d.code}]`)}`];
  const text = d.at && sources.get(d.at.file);
  if (d.at && text !== undefined && text !== null) out.push(...codeFrame(text, d.at, p));
  for (const r of d.related ?? []) out.push(`  ${p.dim('note:')} ${r.message} ${p.dim(`(${r.at.file}:${r.at.line}:${r.at.col})`)}`);
  if (d.hint) out.push(`  ${p.info('hint:')} ${d.hint}`);
  return out.join('\n');
}

const MAX_LINE = 160;

function codeFrame(text: string, at: NonNullable<Diagnostic['at']>, p: Palette): string[] {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, at.line - 1);
  const last = Math.min(lines.length, at.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = visible(lines[n - 1] ?? '');
    const marker = n === at.line ? p.error('>') : ' ';
    out.push(`  ${marker} ${p.dim(`${String(n).padStart(width)} |`)} ${line}`.trimEnd());
    if (n === at.line) {
      const start = Math.min(at.col, line.length + 1);
      const end = at.endLine === at.line ? Math.min(Math.max(at.endCol, start + 1), line.length + 1) : line.length + 1;
      const caret = ' '.repeat(start - 1) + '^'.repeat(Math.max(1, end - start));
      out.push(`    ${' '.repeat(width)} ${p.dim('|')} ${p.error(caret)}`);
    }
  }
  return out;
}

/** Long lines are cut and control characters shown as `␀`-style symbols, so a frame never garbles a terminal. */
function visible(line: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => String.fromCodePoint(0x2400 + (c.codePointAt(0)! & 0x1f)));
  return shown.length > MAX_LINE ? `${shown.slice(0, MAX_LINE)}…` : shown;
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, word]) => plural(n as number, word as string));
  return parts.join(', ');
}
