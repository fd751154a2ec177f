// Builds throwaway projects (optionally git repositories) and lints them in-process.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES } from '../../src/lint/catalog/index.js';
import { runLint, type LintResult } from '../../src/lint/engine.js';
import type { Level } from '../../src/lint/rule.js';
import type { Baseline } from '../../src/lint/baseline.js';
import { loadStackFile } from '../../src/load/load-stack.js';
import { tempDir } from '../helpers.js';

export interface ProjectOptions {
  /** Make the directory a git repository and stage every file except `untracked`. */
  git?: boolean;
  untracked?: readonly string[];
}

/** Writes `files` (path → text) into a new temporary directory. */
export function makeProject(files: Record<string, string>, opts: ProjectOptions = {}): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  if (opts.git) initGit(dir, opts.untracked ?? []);
  return dir;
}

/** Copies a fixture directory; files named `gitignore` become `.gitignore` (so they do not apply inside this repository). */
export function copyFixture(fixture: string, opts: ProjectOptions = {}): string {
  const dir = tempDir();
  cpSync(fixture, dir, { recursive: true });
  const rename = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) rename(p);
      else if (name === 'gitignore') renameSync(p, join(d, '.gitignore'));
    }
  };
  rename(dir);
  if (opts.git) initGit(dir, opts.untracked ?? []);
  return dir;
}

export function initGit(dir: string, untracked: readonly string[]): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  for (const path of untracked) git('rm', '-q', '--cached', '--ignore-unmatch', path);
}

export interface LintOptions {
  levels?: Record<string, Level>;
  baseline?: Baseline;
  inlineSuppressions?: boolean;
  /** Working directory paths are shown relative to (default: the project). */
  cwd?: string;
  file?: string;
}

/** Lints the stack.yaml in `dir`; throws if it does not load. */
export async function lintDir(dir: string, opts: LintOptions = {}): Promise<LintResult> {
  const cwd = opts.cwd ?? dir;
  const loaded = loadStackFile(join(dir, opts.file ?? 'stack.yaml'), cwd);
  if (!loaded.stack || !loaded.source) throw new Error(`stack does not load:\n${loaded.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.message}`).join('\n')}`);
  return runLint({
    stack: loaded.stack,
    source: loaded.source,
    cwd,
    catalog: RULES,
    levels: new Map(Object.entries(opts.levels ?? {})),
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
    ...(opts.inlineSuppressions === false ? { inlineSuppressions: false } : {}),
  });
}

/** Lints a project made of `files` (stack.yaml among them). */
export async function lintFiles(files: Record<string, string>, opts: LintOptions & ProjectOptions = {}): Promise<LintResult> {
  return lintDir(makeProject(files, opts), opts);
}

/** `file:line rule` for each unsuppressed finding of `rule` (or of every rule). */
export const where = (result: LintResult, rule?: string): string[] =>
  result.findings.filter((f) => !f.suppressed && !f.baselined && (!rule || f.ruleId === rule)).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
