// Rendering one side: stack.yaml from the working tree or from a commit, through the same
// prepareBuild as `stackc build` (targets, plugins, diagnostics), entirely in memory.
//
// Plugins at a commit: a `./` plugin is read from the same commit and imported from a temporary
// directory that stands in for the project root (with a link to the project's node_modules, so
// its package imports and npm plugins resolve as they do in the working tree). A `./` plugin that
// imports other project files by relative path cannot be loaded that way: it fails with a
// diagnostic saying so. npm plugins are the installed version on both sides.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { utf16Problem } from '../load/utf16.js';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { commitFileHeads, commitFiles, diskFileHeads, diskFiles } from '../emit/project-files.js';
import type { ProjectFiles } from '../dockerfile/reader.js';
import { prepareBuild } from '../emit/build.js';
import type { RenderedTarget } from '../emit/render.js';
import type { Artifact } from '../emit/target.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { loadStackFile, loadStackText } from '../load/load-stack.js';
import type { Stack } from '../model/stack.js';
import { PARSE_LIMITS } from '../load/parse.js';
import type { Git } from './git.js';

export interface Selection {
  environment?: string;
  target?: string;
  /** Absolute output root: generated paths are relative to it. */
  outRoot: string;
  /** Absolute path of stack.yaml in the working tree (headers name it relative to outRoot). */
  stackPath: string;
}

export interface RenderedSide {
  artifacts: Artifact[];
  rendered: RenderedTarget[];
  /** Errors (which stop the diff) and the side's notes. */
  diagnostics: Diagnostic[];
  /** File name → text, for code frames. */
  sources: Map<string, string>;
  /** Environments and targets the stack has (to tell "not there yet" from a typo in --env/--target). */
  environments: string[];
  targets: string[];
  /** No stack.yaml on this side (a commit before it was added). */
  absent?: boolean;
  /** `--env` or `--target` names something this side does not have: it renders nothing. */
  missing?: 'environment' | 'target';
  /** The loaded stack, for pictures of what changed (`stackc graph`'s before/after). */
  stack?: Stack;
}

const empty = (extra: Partial<RenderedSide> = {}): RenderedSide => ({ artifacts: [], rendered: [], diagnostics: [], sources: new Map(), environments: [], targets: [], ...extra });

/** The working tree's stack.yaml. */
export async function renderWorkingTree(path: string, cwd: string, selection: Selection): Promise<RenderedSide> {
  const loaded = loadStackFile(path, cwd);
  const sources = new Map(loaded.source ? [[loaded.source.file, loaded.source.text]] : []);
  if (!loaded.stack || !loaded.source) return empty({ diagnostics: loaded.diagnostics, sources });
  return render(loaded.stack, loaded.source, loaded.diagnostics, sources, selection, diskFiles(loaded.stack.root), diskFileHeads(loaded.stack.root));
}

/** stack.yaml as of a commit. */
export async function renderAtCommit(git: Git, commit: string, label: string, selection: Selection): Promise<RenderedSide & { cleanup(): void }> {
  const stackRel = git.pathOf(selection.stackPath);
  const file = `${label}:${stackRel}`;
  const bytes = git.read(commit, stackRel);
  let temp: string | undefined;
  const cleanup = () => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  };
  if (!bytes) return { ...empty({ absent: true }), cleanup };
  if (bytes.length > PARSE_LIMITS.maxBytes) {
    return { ...empty({ diagnostics: [{ severity: 'error', code: 'unreadable-file', message: `${file} is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; stack files are limited to ${PARSE_LIMITS.maxBytes / 1024 / 1024} MiB`, hint: 'is this the right file?' }] }), cleanup };
  }
  const utf16 = utf16Problem(bytes, file);
  if (utf16) return { ...empty({ diagnostics: [{ severity: 'error', code: 'not-utf8', ...utf16 }] }), cleanup };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ...empty({ diagnostics: [{ severity: 'error', code: 'not-utf8', message: `${file} is not valid UTF-8`, hint: 'save the file as UTF-8' }] }), cleanup };
  }

  // First load with the real root to learn which `./` plugins the stack names.
  const stackDir = dirname(selection.stackPath);
  const probe = loadStackText(text, { file, root: stackDir });
  const sources = new Map([[file, text]]);
  if (!probe.stack || !probe.source) return { ...empty({ diagnostics: probe.diagnostics, sources }), cleanup };
  const local = probe.stack.plugins.filter((p) => p.startsWith('./'));
  let stack = probe.stack;
  // Paths in stack.yaml are relative to its directory; git reads paths relative to the repository.
  const dirRel = posix.dirname(stackRel) === '.' ? '' : `${posix.dirname(stackRel)}/`;
  if (local.length > 0) {
    temp = mkdtempSync(join(tmpdir(), 'stackc-diff-'));
    try {
      for (const specifier of local) {
        const content = git.read(commit, posix.normalize(`${dirRel}${specifier.slice(2)}`));
        if (!content) continue; // reported as plugin-not-found, at its line
        const target = join(temp, specifier.slice(2));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      linkProject(stackDir, temp);
    } catch (error) {
      cleanup();
      throw error;
    }
    stack = { ...probe.stack, root: temp };
  }
  // `..` from a stack below the repository root reaches its parents (package.json), which git names without it.
  const atCommit = (path: string) => git.read(commit, posix.normalize(`${dirRel}${path}`));
  let side: RenderedSide;
  try {
    side = await render(stack, probe.source, probe.diagnostics, sources, selection, commitFiles(atCommit), commitFileHeads(atCommit));
  } catch (error) {
    cleanup();
    throw error;
  }
  if (local.length > 0) {
    for (const d of side.diagnostics) {
      if (d.code === 'plugin-failed' && d.message.includes('failed to load')) d.hint = `${d.hint ? `${d.hint}; ` : ''}stackc loads a \`./\` plugin of ${label} from a temporary copy of that one file, so its relative imports of other project files do not resolve (see docs/diff.md)`;
      if (d.code === 'plugin-not-found') d.message = `${d.message} at ${label}`;
    }
  }
  return { ...side, cleanup };
}

/** Lets the temporary root resolve packages like the project: its node_modules and its module type. */
function linkProject(projectDir: string, temp: string): void {
  let dir = projectDir;
  for (;;) {
    const modules = join(dir, 'node_modules');
    if (existsSync(modules)) {
      try {
        symlinkSync(modules, join(temp, 'node_modules'), 'junction');
      } catch {
        // no symlinks here: package imports of the plugin will fail with a diagnostic
      }
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  let type: unknown;
  try {
    type = (JSON.parse(readFileSync(resolve(projectDir, 'package.json'), 'utf8')) as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  writeFileSync(join(temp, 'package.json'), `${JSON.stringify({ private: true, ...(typeof type === 'string' ? { type } : {}) })}\n`);
}

async function render(
  stack: NonNullable<ReturnType<typeof loadStackText>['stack']>,
  source: NonNullable<ReturnType<typeof loadStackText>['source']>,
  loadDiagnostics: Diagnostic[],
  sources: Map<string, string>,
  selection: Selection,
  files: ProjectFiles,
  heads: ProjectFiles,
): Promise<RenderedSide> {
  const environments = stack.environments.map((e) => e.name);
  const targets = stack.targets.map((t) => t.name);
  // An environment or target this side does not have renders nothing here; the caller decides
  // whether that is a typo (neither side has it) or a change (the other side has it).
  if (selection.environment !== undefined && !environments.includes(selection.environment)) return { ...empty({ sources, diagnostics: loadDiagnostics.filter((d) => d.severity === 'error') }), environments, targets, missing: 'environment' };
  if (selection.target !== undefined && !targets.includes(selection.target)) return { ...empty({ sources, diagnostics: loadDiagnostics.filter((d) => d.severity === 'error') }), environments, targets, missing: 'target' };
  const prepared = await prepareBuild(stack, source, {
    outRoot: selection.outRoot,
    stackPath: selection.stackPath,
    files,
    heads,
    ...(selection.environment ? { environment: selection.environment } : {}),
    ...(selection.target ? { target: selection.target } : {}),
  });
  // Only errors matter here: warnings and notes about how targets map the stack are `build`'s to show.
  const diagnostics = [...loadDiagnostics, ...prepared.diagnostics].filter((d) => d.severity === 'error');
  if (hasErrors(diagnostics)) return { ...empty({ diagnostics, sources }), environments, targets };
  return { artifacts: prepared.artifacts, rendered: prepared.rendered, diagnostics, sources, environments, targets, stack };
}
