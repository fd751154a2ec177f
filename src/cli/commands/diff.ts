// `stackc diff`: what a change to stack.yaml does to every generated file.
//   stackc diff                         drift: what `stackc build` would change on disk now
//   stackc diff --base REF [--head REF] the artifacts of stack.yaml at REF vs the working tree (or --head)
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { MANIFEST_PATH } from '../../build/manifest.js';
import { diskView, readManifest } from '../../build/writer.js';
import { sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { targetNotEnabled, unknownEnvironment } from '../../diagnostics/selection.js';
import { driftSides } from '../../diff/drift.js';
import { diffSides } from '../../diff/engine.js';
import { formatJson } from '../../diff/format/json.js';
import { DEFAULT_MARKDOWN_SIZE, formatMarkdown } from '../../diff/format/markdown.js';
import { formatText } from '../../diff/format/text.js';
import { Git } from '../../diff/git.js';
import type { DiffReport, FileVersion, Side, SideInfo } from '../../diff/model.js';
import { renderAtCommit, renderWorkingTree, type RenderedSide, type Selection } from '../../diff/sources.js';
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
  const stackPath = resolve(cwd, path);
  const selection: Selection = {
    outRoot: resolve(cwd, opts.out ?? dirname(stackPath)),
    stackPath,
    ...(opts.env ? { environment: opts.env } : {}),
    ...(opts.target ? { target: opts.target } : {}),
  };
  const filters = { ...(opts.env ? { environment: opts.env } : {}), ...(opts.target ? { target: opts.target } : {}) };

  let report: DiffReport;
  let architecture = '';
  if (opts.base === undefined) {
    const head = await renderWorkingTree(path, cwd, selection);
    if (head.diagnostics.length > 0) return fail(head.diagnostics, head.sources);
    const missing = missingSelection([head], selection, path);
    if (missing) return fail([missing], head.sources);
    const manifest = readManifest(selection.outRoot);
    if (!manifest) return fail([{ severity: 'error', code: 'bad-manifest', message: `${MANIFEST_PATH} is not a manifest stackc can read`, hint: 'it records which files stackc generated; restore it from git' }]);
    const sides = driftSides(head.artifacts, manifest, diskView(selection.outRoot), head.rendered, !opts.env && !opts.target);
    report = diffSides(sides.base, sides.head, {
      mode: 'drift',
      base: { kind: 'disk', label: 'files on disk' },
      head: { kind: 'build', label: 'stackc build' },
      filters,
      drift: sides.drift,
      notes: sides.notes,
      environmentOrder: head.environments,
    });
  } else {
    if (!existsSync(dirname(stackPath))) return fail([usage(`${dirname(path)} does not exist`, 'point `-f` at the stack file in the working tree (its path is the same in the revisions compared)')]);
    const git = Git.open(dirname(stackPath));
    const baseCommit = git.resolve(opts.base, '--base');
    const headCommit = opts.head !== undefined ? git.resolve(opts.head, '--head') : undefined;
    const baseInfo: SideInfo = { kind: 'git', ref: opts.base, commit: baseCommit, label: refLabel(opts.base, baseCommit, git) };
    const headInfo: SideInfo = headCommit ? { kind: 'git', ref: opts.head!, commit: headCommit, label: refLabel(opts.head!, headCommit, git) } : { kind: 'worktree', label: 'working tree' };
    const base = await renderAtCommit(git, baseCommit, opts.base, selection);
    let head: RenderedSide & { cleanup(): void };
    try {
      head = headCommit ? await renderAtCommit(git, headCommit, opts.head!, selection) : { ...(await renderWorkingTree(path, cwd, selection)), cleanup: () => {} };
    } catch (error) {
      base.cleanup();
      throw error;
    }
    try {
      const sources = new Map([...base.sources, ...head.sources]);
      const errors = [...base.diagnostics, ...head.diagnostics];
      if (errors.length > 0) return fail(errors, sources);
      if (base.absent && head.absent) return fail([usage(`${path} exists neither at ${opts.base} nor at ${opts.head ?? 'the working tree'}`, 'point `-f` at the stack file')]);
      const missing = missingSelection([base, head], selection, path);
      if (missing) return fail([missing], sources);
      const notes: string[] = [];
      if (base.absent) notes.push(`${path} does not exist at ${baseInfo.label}: every generated file is new`);
      if (head.absent) notes.push(`${path} does not exist at ${headInfo.label}: every generated file goes`);
      for (const [side, info] of [[base, baseInfo], [head, headInfo]] as const) {
        if (side.missing && !side.absent) notes.push(`${side.missing} \`${side.missing === 'environment' ? opts.env : opts.target}\` does not exist at ${info.label}: it generates nothing there`);
      }
      report = diffSides(sideOf(base), sideOf(head), { mode: 'refs', base: baseInfo, head: headInfo, filters, notes, environmentOrder: mergeOrder(head.environments, base.environments) });
      if (opts.format === 'markdown' && opts.graph !== false && !opts.summary && report.changed) {
        architecture = graphChangeMarkdown(base.stack, head.stack, { ...(opts.env ? { environments: [opts.env] } : {}), source: basename(path) });
      }
    } finally {
      base.cleanup();
      head.cleanup();
    }
  }

  const format = opts.format ?? 'text';
  const summaryOnly = opts.summary ?? false;
  if (format === 'json') output.out(formatJson(report, { summaryOnly }));
  else if (format === 'markdown') output.out(formatMarkdown(report, { maxSize, summaryOnly, ...(architecture ? { architecture } : {}) }));
  else output.out(formatText(report, output.palette, { summaryOnly }));
  return opts.exitCode && report.changed ? EXIT.findings : EXIT.ok;
}

function refLabel(ref: string, commit: string, git: Git): string {
  return commit.startsWith(ref) ? git.short(commit) : `${ref} (${git.short(commit)})`;
}

function sideOf(side: RenderedSide): Side {
  const files = new Map<string, FileVersion>();
  for (const a of side.artifacts) files.set(a.path, { path: a.path, target: a.target, ...(a.environment ? { environment: a.environment } : {}), content: a.content });
  return { files, rendered: side.rendered };
}

/** `--env`/`--target` naming something no side has: a typo, reported like `build` does. */
function missingSelection(sides: readonly RenderedSide[], selection: Selection, file: string): Diagnostic | undefined {
  const present = sides.filter((s) => !s.absent);
  if (selection.environment && present.every((s) => s.missing === 'environment')) {
    const names = [...new Set(present.flatMap((s) => s.environments))];
    return unknownEnvironment(selection.environment, names, file);
  }
  if (selection.target && present.every((s) => !s.targets.includes(selection.target!))) {
    const names = [...new Set(present.flatMap((s) => s.targets))];
    return targetNotEnabled(selection.target, names, file);
  }
  return undefined;
}

/** The head's order, with names only the base has placed after the name they follow there. */
function mergeOrder(head: readonly string[], base: readonly string[]): string[] {
  const out = [...head];
  base.forEach((name, i) => {
    if (out.includes(name)) return;
    const before = base.slice(0, i).reverse().find((b) => out.includes(b));
    out.splice(before === undefined ? 0 : out.indexOf(before) + 1, 0, name);
  });
  return out;
}
