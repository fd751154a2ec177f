// build: the Stack → every target's files, in memory. planBuild/writeBuild: what writing them would
// change on disk (no-clobber, pruning, the manifest), and the write itself — the same steps, in
// the same order, as `stackc build`.
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { prepareBuild } from '../emit/build.js';
import { diskFileHeads, diskFiles } from '../emit/project-files.js';
import { MANIFEST_PATH } from '../emit/manifest.js';
import { untrustedEntries } from '../emit/manifest-trust.js';
import { outputPathProblem } from '../emit/output-guard.js';
import { planBuild as planActions, type Plan } from '../emit/plan.js';
import type { RenderedTarget } from '../emit/render.js';
import type { Artifact } from '../emit/target.js';
import { applyPlan, diskView, readManifest } from '../emit/writer.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedStack } from './load.js';

export interface BuildOptions {
  /** Only this environment (`--env`). */
  env?: string;
  /** Only this target (`--target`). */
  target?: string;
  /** The output directory (`--out`), absolute or relative to `cwd`; default: the directory of stack.yaml. */
  outRoot?: string;
  /** Directory `outRoot` is resolved against (default `process.cwd()`). */
  cwd?: string;
}

export interface BuildResult {
  /** False when a diagnostic is an error: then `artifacts` is empty and nothing may be written. */
  ok: boolean;
  /** Every generated file: path relative to `outRoot`, final content. */
  artifacts: Artifact[];
  /** The stack's own warnings plus what the targets report (errors, warnings, notes), sorted. */
  diagnostics: Diagnostic[];
  /** Which targets ran for which environments (the planner prunes only within them). */
  rendered: RenderedTarget[];
  /** Absolute output root the artifact paths are relative to. */
  outRoot: string;
  /** True when neither `env` nor `target` narrowed the build (files of removed targets are then pruned). */
  complete: boolean;
  /** The stack file relative to `outRoot`, `/`-separated: never written or pruned. */
  stackFile: string;
  /** Declared output globs by target name: a manifest entry outside its target's is not trusted. */
  layouts: Record<string, readonly string[]>;
}

/** Renders the selected targets (built-in and the stack's plugins). Pure apart from importing plugins: nothing is written. */
export async function build(loaded: LoadedStack, options: BuildOptions = {}): Promise<BuildResult> {
  const outRoot = resolve(options.cwd ?? process.cwd(), options.outRoot ?? loaded.stack.root);
  const prepared = await prepareBuild(loaded.stack, loaded.source, {
    outRoot,
    stackPath: loaded.stackPath,
    files: diskFiles(loaded.stack.root),
    heads: diskFileHeads(loaded.stack.root),
    ...(options.env ? { environment: options.env } : {}),
    ...(options.target ? { target: options.target } : {}),
  });
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...prepared.diagnostics]);
  const ok = !hasErrors(diagnostics);
  const stackFile = relative(outRoot, loaded.stackPath).split(sep).join('/');
  return { ok, artifacts: ok ? prepared.artifacts : [], diagnostics, rendered: prepared.rendered, outRoot, complete: !options.env && !options.target, stackFile, layouts: prepared.layouts };
}

export interface PlanOptions {
  /** Overwrite files stackc did not generate or that were edited by hand (`--force`). */
  force?: boolean;
}

export interface PlanResult {
  /** Absent when the output directory or its manifest cannot be used (see `diagnostics`). */
  plan?: Plan;
  diagnostics: Diagnostic[];
}

/**
 * What writing a successful build would do: files to create, update, leave or prune, and the
 * conflicts (hand-written or hand-edited files) that stop it. Reads the disk, writes nothing.
 */
export function planBuild(built: BuildResult, options: PlanOptions = {}): PlanResult {
  if (!built.ok) return { diagnostics: [{ severity: 'error', code: 'build-failed', message: 'the build has errors, so there is nothing to write', hint: 'fix the errors in `diagnostics` first' }] };
  if (existsSync(built.outRoot) && !statSync(built.outRoot).isDirectory()) {
    return { diagnostics: [{ severity: 'error', code: 'usage', message: `${built.outRoot} is not a directory`, hint: 'name a directory (it is created if missing)' }] };
  }
  // The one output guard: no target, however its output root is chosen, writes the stack file or into .git/.
  const stackPath = resolve(built.outRoot, built.stackFile);
  for (const artifact of built.artifacts) {
    const problem = outputPathProblem(resolve(built.outRoot, artifact.path), { stackPath, root: built.outRoot }, { generated: true });
    if (problem) return { diagnostics: [{ severity: 'error', code: 'protected-path', message: `\`stackc build\` would write ${artifact.path} (target \`${artifact.target}\`), which ${problem.why}; nothing was written`, hint: problem.why === 'is inside .git/' ? 'build into a directory outside .git/ (`--out`)' : 'keep the stack file apart from the generated files: name it stack.yaml, or build into another directory with `--out`' }] };
  }
  const manifest = readManifest(built.outRoot);
  if (!manifest) {
    return { diagnostics: [{ severity: 'error', code: 'bad-manifest', message: `${MANIFEST_PATH} is not a manifest stackc can read`, hint: 'it records which files stackc generated; restore it from git, or delete it and rebuild with `--force` after checking the generated files' }] };
  }
  const untrusted = untrustedEntries(manifest, { layouts: built.layouts, stackFile: built.stackFile });
  if (untrusted.length > 0) {
    const { entry, why } = untrusted[0]!;
    const more = untrusted.length > 1 ? ` (and ${untrusted.length - 1} more ${untrusted.length === 2 ? 'entry' : 'entries'} like it)` : '';
    return {
      diagnostics: [{
        severity: 'error',
        code: 'untrusted-manifest',
        message: `${MANIFEST_PATH} lists \`${entry.path}\` (target \`${entry.target}\`), which ${why}${more}, so it is not trusted: nothing was pruned or written`,
        hint: `the manifest says which files a build may delete; restore it with \`git checkout -- ${MANIFEST_PATH}\` (and review who changed it), or remove that entry`,
      }],
    };
  }
  return { plan: planActions(built.artifacts, manifest, diskView(built.outRoot), { force: options.force ?? false, rendered: built.rendered, complete: built.complete }), diagnostics: [] };
}

export interface WriteResult {
  /** False when the plan has conflicts: then nothing was written. */
  ok: boolean;
  /** Paths written and pruned, relative to the output root. */
  written: string[];
  pruned: string[];
}

/** Applies a plan from `planBuild`: each file atomically, the manifest last. Writes nothing if the plan has conflicts. */
export function writeBuild(built: BuildResult, plan: Plan): WriteResult {
  if (plan.conflicts.length > 0) return { ok: false, written: [], pruned: [] };
  return { ok: true, ...applyPlan(built.outRoot, plan) };
}
