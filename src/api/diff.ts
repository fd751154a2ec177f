// diff: what a change to stack.yaml does to every generated file. Two modes, as `stackc diff`:
//   drift (no `base`): the files on disk vs what `build` would write now (hand edits, stale, missing);
//   refs (`base`, optional `head`): stack.yaml at a git ref vs the working tree (or another ref),
//   both compiled in memory.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MANIFEST_PATH } from '../emit/manifest.js';
import { diskView, readManifest } from '../emit/writer.js';
import { sortDiagnostics, UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { targetNotEnabled, unknownEnvironment } from '../diagnostics/selection.js';
import { driftSides } from '../diff/drift.js';
import { diffSides } from '../diff/engine.js';
import { Git } from '../diff/git.js';
import { maskSecretText } from '../vocabulary/mask-secret-text.js';
import type { DiffReport, FileVersion, Side, SideInfo } from '../diff/model.js';
import { renderAtCommit, renderWorkingTree, type RenderedSide, type Selection } from '../diff/sources.js';
import { STACK_FILE_NAMES } from '../load/load-stack.js';
import type { EnvironmentRole } from '../model/environment-role.js';
import type { Stack } from '../model/stack.js';
import { patchPathName } from '../emit/patches/patches.js';

export interface DiffOptions {
  /** The stack file, relative to `cwd` (default: stack.yaml or stack.yml in `cwd`). */
  file?: string;
  /** Working directory (default `process.cwd()`). */
  cwd?: string;
  /** Compare stack.yaml at this git ref (branch, tag, commit) ... */
  base?: string;
  /** ... with this ref instead of the working tree (needs `base`). */
  head?: string;
  /** Only this environment / target. */
  env?: string;
  target?: string;
  /** The output directory, as given to `build` (default: the directory of stack.yaml). */
  outRoot?: string;
}

export interface DiffResult {
  /** Absent when `diagnostics` has errors. */
  report?: DiffReport;
  diagnostics: Diagnostic[];
  /** File name → text, for code frames of the diagnostics. */
  sources: Map<string, string>;
  /** Refs mode: the stacks compared (a side without stack.yaml has none), e.g. for `graphChangeMarkdown`. */
  stacks: { base?: Stack; head?: Stack };
}

const usage = (message: string, hint: string): Diagnostic => ({ severity: 'error', code: 'usage', message, hint });

/** Compares; user mistakes (unknown ref, not a git repository, invalid stack on either side) become diagnostics. */
export async function diff(options: DiffOptions = {}): Promise<DiffResult> {
  try {
    return await compare(options);
  } catch (error) {
    if (error instanceof UserError) return { diagnostics: sortDiagnostics(error.diagnostics), sources: new Map(), stacks: {} };
    throw error;
  }
}

async function compare(options: DiffOptions): Promise<DiffResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const fail = (diagnostics: Diagnostic[], sources: Map<string, string> = new Map()): DiffResult => ({ diagnostics: sortDiagnostics(diagnostics), sources, stacks: {} });
  if (options.head !== undefined && options.base === undefined) return fail([usage('`--head` needs `--base`', 'compare two revisions with `--base <ref> --head <ref>`; without `--head` the working tree is compared')]);
  const path = options.file ?? STACK_FILE_NAMES.find((name) => existsSync(resolve(cwd, name)));
  if (path === undefined) return fail([usage(`no stack.yaml in ${cwd}`, 'create one with `stackc init`, or name it with `-f <file>`')]);
  const stackPath = resolve(cwd, path);
  const selection: Selection = {
    outRoot: resolve(cwd, options.outRoot ?? dirname(stackPath)),
    stackPath,
    ...(options.env ? { environment: options.env } : {}),
    ...(options.target ? { target: options.target } : {}),
  };
  const filters = { ...(options.env ? { environment: options.env } : {}), ...(options.target ? { target: options.target } : {}) };

  if (options.base === undefined) {
    const head = await renderWorkingTree(path, cwd, selection);
    if (head.diagnostics.length > 0) return fail(head.diagnostics, head.sources);
    const missing = missingSelection([head], selection, path);
    if (missing) return fail([missing], head.sources);
    const manifest = readManifest(selection.outRoot);
    if (!manifest) return fail([{ severity: 'error', code: 'bad-manifest', message: `${MANIFEST_PATH} is not a manifest stackc can read`, hint: 'it records which files stackc generated; restore it from git' }]);
    const sides = driftSides(head.artifacts, manifest, diskView(selection.outRoot), head.rendered, !options.env && !options.target);
    const report = diffSides(sides.base, sides.head, {
      mode: 'drift',
      base: { kind: 'disk', label: 'files on disk' },
      head: { kind: 'build', label: 'stackc build' },
      filters,
      drift: sides.drift,
      notes: sides.notes,
      roles: rolesOf(head.stack),
      environmentOrder: head.environments,
    });
    return { report, diagnostics: [], sources: head.sources, stacks: head.stack ? { head: head.stack } : {} };
  }

  if (!existsSync(dirname(stackPath))) return fail([usage(`${dirname(path)} does not exist`, 'point `-f` at the stack file in the working tree (its path is the same in the revisions compared)')]);
  const git = Git.open(dirname(stackPath));
  const baseRef = options.base;
  const baseCommit = git.resolve(baseRef, '--base');
  const headCommit = options.head !== undefined ? git.resolve(options.head, '--head') : undefined;
  const baseInfo: SideInfo = { kind: 'git', ref: baseRef, commit: baseCommit, label: refLabel(baseRef, baseCommit, git) };
  const headInfo: SideInfo = headCommit ? { kind: 'git', ref: options.head!, commit: headCommit, label: refLabel(options.head!, headCommit, git) } : { kind: 'worktree', label: 'working tree' };
  const base = await renderAtCommit(git, baseCommit, baseRef, selection);
  let head: RenderedSide & { cleanup(): void };
  try {
    head = headCommit ? await renderAtCommit(git, headCommit, options.head!, selection) : { ...(await renderWorkingTree(path, cwd, selection)), cleanup: () => {} };
  } catch (error) {
    base.cleanup();
    throw error;
  }
  try {
    const sources = new Map([...base.sources, ...head.sources]);
    if (head.diagnostics.length > 0) return fail(head.diagnostics, sources);
    // A base that does not load (a broken commit, an older schema) is compared as nothing: the
    // head is what is reviewed, and every file it generates is then new. The note says why.
    const notes: string[] = [];
    const unloaded = base.diagnostics.length > 0;
    if (unloaded) notes.push(`${path} at ${baseInfo.label} does not load (${unloadable(base.diagnostics)}): compared against nothing, so every generated file is new`);
    const before: RenderedSide = unloaded ? { artifacts: [], rendered: [], diagnostics: [], sources: new Map(), environments: [], targets: [], absent: true } : base;
    if (base.absent && head.absent) return fail([usage(`${path} exists neither at ${baseRef} nor at ${options.head ?? 'the working tree'}`, 'point `-f` at the stack file')]);
    const missing = missingSelection([before, head], selection, path);
    if (missing) return fail([missing], sources);
    if (base.absent) notes.push(`${path} does not exist at ${baseInfo.label}: every generated file is new`);
    if (head.absent) notes.push(`${path} does not exist at ${headInfo.label}: every generated file goes`);
    for (const [side, info] of [[before, baseInfo], [head, headInfo]] as const) {
      if (side.missing && !side.absent) notes.push(`${side.missing} \`${side.missing === 'environment' ? options.env : options.target}\` does not exist at ${info.label}: it generates nothing there`);
    }
    const report = diffSides(sideOf(before), sideOf(head), { mode: 'refs', base: baseInfo, head: headInfo, filters, notes, environmentOrder: mergeOrder(head.environments, base.environments), roles: rolesOf(base.stack, head.stack) });
    return { report, diagnostics: [], sources, stacks: { ...(base.stack ? { base: base.stack } : {}), ...(head.stack ? { head: head.stack } : {}) } };
  } finally {
    base.cleanup();
    head.cleanup();
  }
}

/** `2 errors; main:stack.yaml:6:5: unknown key ...`: enough to find the first, secret-looking values masked. */
function unloadable(errors: readonly Diagnostic[]): string {
  const first = sortDiagnostics(errors)[0]!;
  const where = first.at ? `${first.at.file}:${first.at.line}:${first.at.col}: ` : '';
  return `${errors.length} error${errors.length === 1 ? '' : 's'}; ${maskSecretText(`${where}${first.message}`)}`;
}

function refLabel(ref: string, commit: string, git: Git): string {
  return commit.startsWith(ref) ? git.short(commit) : `${ref} (${git.short(commit)})`;
}

/** Each environment's role; the head's where both sides have the environment. */
const rolesOf = (...stacks: (Stack | undefined)[]): Map<string, EnvironmentRole> => new Map(stacks.flatMap((s) => (s ? s.environments.map((e): [string, EnvironmentRole] => [e.name, e.role]) : [])));

function sideOf(side: RenderedSide): Side {
  const files = new Map<string, FileVersion>();
  for (const a of side.artifacts) files.set(a.path, { path: a.path, target: a.target, ...(a.environment ? { environment: a.environment } : {}), content: a.content, ...(a.facts ? { facts: a.facts } : {}), ...(a.patchedBy ? { patchedBy: a.patchedBy.map(patchPathName) } : {}) });
  return { files, rendered: side.rendered };
}

/** `env`/`target` naming something no side has: a typo, reported like `build` does. */
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
