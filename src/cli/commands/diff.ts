// `stackc diff`: what a change to stack.yaml does to every generated file.
//   stackc diff                         drift: what `stackc build` would change on disk now
//   stackc diff --base REF [--head REF] the artifacts of stack.yaml at REF vs the working tree (or --head)
// The comparison is the library's `diff` (src/api/diff.ts); this file parses options and prints.
import { basename } from 'node:path';
import { diff } from '../../api/diff.js';
import { sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatJson } from '../../diff/format/json.js';
import { DEFAULT_MARKDOWN_SIZE, formatMarkdown } from '../../diff/format/markdown.js';
import { formatText } from '../../diff/format/text.js';
import { graphChangeMarkdown } from '../../graph/change.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, type Output } from '../output.js';
import { stackFilePath, workingDirectory, type GlobalOptions } from '../stack-file.js';

export interface DiffOptions extends GlobalOptions {
  base?: string;
  head?: string;
  env?: string;
  target?: string;
  out?: string;
  format?: 'text' | 'markdown' | 'json';
  exitCode?: boolean;
  maxSize?: string;
  summary?: boolean;
  /** `--no-graph`: leave the before/after architecture graph out of markdown. */
  graph?: boolean;
}

const usage = (message: string, hint: string): Diagnostic => ({ severity: 'error', code: 'usage', message, hint });

export async function runDiff(opts: DiffOptions, output: Output): Promise<number> {
  const cwd = workingDirectory(opts);
  const fail = (diagnostics: Diagnostic[], sources: Map<string, string> = new Map()) => {
    printDiagnostics(output, sortDiagnostics(diagnostics), sources);
    return EXIT.badInput;
  };
  if (opts.head !== undefined && opts.base === undefined) return fail([usage('`--head` needs `--base`', 'compare two revisions with `--base <ref> --head <ref>`; without `--head` the working tree is compared')]);
  let maxSize = DEFAULT_MARKDOWN_SIZE;
  if (opts.maxSize !== undefined) {
    maxSize = Number(opts.maxSize);
    if (!Number.isInteger(maxSize) || maxSize < 1000) return fail([usage(`--max-size ${opts.maxSize} is not a whole number of characters of at least 1000`, `the default is ${DEFAULT_MARKDOWN_SIZE}, below GitHub's 65,536-character limit for comments`)]);
  }

  const path = stackFilePath(opts, cwd);
  const result = await diff({
    file: path,
    cwd,
    ...(opts.base !== undefined ? { base: opts.base } : {}),
    ...(opts.head !== undefined ? { head: opts.head } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.target ? { target: opts.target } : {}),
    ...(opts.out !== undefined ? { outRoot: opts.out } : {}),
  });
  if (!result.report) return fail(result.diagnostics, result.sources);
  const report = result.report;
  const architecture =
    opts.base !== undefined && opts.format === 'markdown' && opts.graph !== false && !opts.summary && report.changed
      ? graphChangeMarkdown(result.stacks.base, result.stacks.head, { ...(opts.env ? { environments: [opts.env] } : {}), source: basename(path) })
      : '';

  const format = opts.format ?? 'text';
  const summaryOnly = opts.summary ?? false;
  if (format === 'json') output.out(formatJson(report, { summaryOnly }));
  else if (format === 'markdown') output.out(formatMarkdown(report, { maxSize, summaryOnly, ...(architecture ? { architecture } : {}) }));
  else output.out(formatText(report, output.palette, { summaryOnly }));
  return opts.exitCode && report.changed ? EXIT.findings : EXIT.ok;
}
