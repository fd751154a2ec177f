// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: risky changes (never collapsed),
// a summary table, the resource changes, then one collapsible <details> per file. The whole text
// stays under a size cap (GitHub refuses comments over 65,536 characters): file diffs are dropped
// from the bottom first, then resource lines, and a note says what was left out.
import type { DiffReport, FileDiff } from '../model.js';
import { countsText, fileStatusText, fileSymbol, filtersText, formattingText, plural, resourceLines, riskText, totals } from './common.js';

export interface MarkdownOptions {
  /** Largest output in characters (default 60,000, leaving room under GitHub's 65,536). */
  maxSize?: number;
  summaryOnly?: boolean;
  /** Before/after architecture graphs (Mermaid, from `stackc graph`), shown after the resources. */
  architecture?: string;
}

export const DEFAULT_MARKDOWN_SIZE = 60_000;

/** Marks the comment so a bot can find and update it instead of adding another. */
export const MARKER = '<!-- stackc-diff -->';

export function formatMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const maxSize = options.maxSize ?? DEFAULT_MARKDOWN_SIZE;
  const head: string[] = [MARKER, `### stackc diff: ${code(report.base.label)} → ${code(report.head.label)}${escape(filtersText(report))}`, ''];
  const formatting = report.formattingOnly.length
    ? `${formattingText(report)}: ${report.formattingOnly.map((f) => `${code(f.path)}${f.previousPath ? ` (moved from ${code(f.previousPath)})` : ''}`).join(', ')}.`
    : '';

  if (!report.changed) {
    head.push('**No changes** to generated files.');
    if (formatting) head.push('', formatting);
    for (const n of report.notes) head.push('', `> ${escape(n)}`);
    return fit(head.join('\n'), maxSize);
  }

  if (report.risky.length > 0) {
    head.push(`#### ⚠️ Risky changes (${report.risky.length})`, '');
    for (const r of report.risky) head.push(`- ${escape(riskText(r))}`);
    head.push('');
  }

  const t = totals(report);
  head.push(`**Files:** ${countsText(t.files)} · **Resources:** ${countsText(t.resources)}`, '');
  head.push('| target | files added | changed | moved | removed | resources added | changed | removed |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const x of report.targets) head.push(`| ${escape(x.target)} | ${x.files.added} | ${x.files.changed} | ${x.files.moved} | ${x.files.removed} | ${x.resources.added} | ${x.resources.changed} | ${x.resources.removed} |`);
  head.push('');
  if (formatting) head.push(formatting, '');
  for (const n of report.notes) head.push(`> ${escape(n)}`, '');
  // The picture is whole or absent (a cut Mermaid block renders nothing): only when it fits easily.
  if (options.architecture && head.join('\n').length + options.architecture.length < maxSize / 2) head.push(options.architecture, '');

  const resourceBlock: string[] = [];
  if (report.resources.length > 0) {
    // A ```diff block colours the lines on GitHub: `+` added, `-` removed, `!` changed (as dyff does).
    const lines = report.resources.flatMap((r) => resourceLines(r).map((line) => `${line.symbol === '~' ? '!' : line.symbol} ${line.text}`));
    const fence = '`'.repeat(Math.max(3, longestRun(lines.join('\n'), '`') + 1));
    resourceBlock.push('#### Resources', '', `${fence}diff`, ...lines, fence, '');
  }

  // Changed files first: under the size cap they matter more than the full text of new ones.
  const rank = { changed: 0, moved: 1, removed: 2, added: 3 } as const;
  const files = [...report.files].sort((x, y) => rank[x.status] - rank[y.status]);
  const blocks = options.summaryOnly ? [] : files.map((f) => details(f));
  return assemble(head.join('\n'), resourceBlock, blocks, files, maxSize);
}

/** Puts the parts together under the cap, noting whatever had to be left out. */
function assemble(head: string, resourceBlock: string[], blocks: string[], files: readonly FileDiff[], maxSize: number): string {
  const reserve = 600; // the truncation note
  let text = head;
  let resources = resourceBlock.join('\n');
  let droppedResources = 0;
  if (text.length + resources.length + reserve > maxSize && resourceBlock.length > 0) {
    // Keep as many resource lines as fit (the block's fence lines stay).
    const lines = resourceBlock.slice(3, -2);
    const budget = maxSize - reserve - text.length - 40;
    let used = 0;
    const kept: string[] = [];
    for (const line of lines) {
      if (used + line.length + 1 > budget) break;
      kept.push(line);
      used += line.length + 1;
    }
    droppedResources = lines.length - kept.length;
    resources = [...resourceBlock.slice(0, 3), ...kept, ...resourceBlock.slice(-2)].join('\n');
  }
  text += `\n${resources}`;
  let omitted = 0;
  if (blocks.length > 0) {
    let section = '#### Files\n';
    for (const [i, block] of blocks.entries()) {
      if (text.length + section.length + block.length + 1 + reserve > maxSize) {
        omitted = blocks.length - i;
        break;
      }
      section += `\n${block}`;
    }
    text += `\n${section}`;
  }
  if (droppedResources > 0 || omitted > 0) {
    const left = files.slice(files.length - omitted).map((f) => f.path);
    const names = left.slice(0, 5).map(code).join(', ') + (left.length > 5 ? `, and ${left.length - 5} more` : '');
    const parts = [droppedResources ? `${plural(droppedResources, 'resource line')}` : '', omitted ? `the diffs of ${plural(omitted, 'file')} (${names})` : ''].filter(Boolean);
    text += `\n\n> [!NOTE]\n> **Truncated** to stay under ${maxSize.toLocaleString('en-US')} characters: ${parts.join(' and ')} left out. Run \`stackc diff\` with the same options locally, or \`--format json\`, for everything.\n`;
  }
  return fit(text, maxSize);
}

function details(f: FileDiff): string {
  const summary = `<code>${html(f.path)}</code> ${fileSymbol(f) === '→' ? '→' : fileSymbol(f)} ${html(fileStatusText(f))}`;
  if (!f.patch) return `<details><summary>${summary}</summary>\n\nNothing to show.\n\n</details>\n`;
  const fence = '`'.repeat(Math.max(3, longestRun(f.patch, '`') + 1));
  return `<details><summary>${summary}</summary>\n\n${fence}diff\n${f.patch}\n${fence}\n\n</details>\n`;
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** Last resort when even the summary is too long: cut at a line and say so. */
function fit(text: string, maxSize: number): string {
  if (text.length <= maxSize) return text.endsWith('\n') ? text : `${text}\n`;
  const note = '\n\n> **Truncated**: the summary alone is over the size limit.\n';
  const cut = text.slice(0, Math.max(0, maxSize - note.length));
  return `${cut.slice(0, cut.lastIndexOf('\n') > 0 ? cut.lastIndexOf('\n') : cut.length)}${note}`;
}

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Inline code that survives backticks inside. */
const code = (s: string): string => (s.includes('`') ? `<code>${html(s)}</code>` : `\`${s}\``);
/** Text that keeps its `code spans` but cannot open HTML tags or break a table. */
const escape = (s: string): string => html(s).replace(/\|/g, '\\|');
