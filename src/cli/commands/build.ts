import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, planBuild, writeBuild } from '../../api/build.js';
import { changes, type Conflict, type Plan } from '../../emit/plan.js';
import { EXIT } from '../exit-codes.js';
import { stopCleanlyOnSignals } from '../interrupts.js';
import { printDiagnostics, type Output } from '../output.js';
import { loadForCommand, type GlobalOptions } from '../stack-file.js';
import { plural } from '../../vocabulary/plural.js';

export interface BuildOptions extends GlobalOptions {
  env?: string;
  target?: string;
  out?: string;
  dryRun?: boolean;
  check?: boolean;
  force?: boolean;
  verbose?: boolean;
}

/** `stackc build`: render everything, then write only if nothing failed and nothing would be clobbered (the library's build, planBuild, writeBuild). */
export async function runBuild(opts: BuildOptions, output: Output): Promise<number> {
  let wrote = false;
  const release = stopCleanlyOnSignals(() => (wrote ? 'the build had finished writing: every file and the manifest are in place' : 'nothing was written'), output.err);
  try {
    return await buildAndWrite(opts, output, () => (wrote = true));
  } finally {
    release();
  }
}

async function buildAndWrite(opts: BuildOptions, output: Output, written: () => void): Promise<number> {
  const loaded = loadForCommand(opts, output);
  if (typeof loaded === 'number') return loaded;
  const { cwd, stack, sources } = loaded;
  // A stack read from a pipe or device has no directory of its own to write next to.
  if (opts.out === undefined && !statSync(resolve(cwd, loaded.path)).isFile()) {
    printDiagnostics(output, [{ severity: 'error', code: 'usage', message: `${loaded.path} is not a regular file, so there is no directory beside it to write to`, hint: 'name where to write with `--out <dir>`, e.g. `stackc build -f /dev/stdin --out .`' }], sources);
    return EXIT.badInput;
  }
  const outRoot = resolve(cwd, opts.out ?? stack.root);
  if (existsSync(outRoot) && !statSync(outRoot).isDirectory()) {
    printDiagnostics(output, [{ severity: 'error', code: 'usage', message: `--out ${opts.out} is not a directory`, hint: 'name a directory (it is created if missing)' }], sources);
    return EXIT.badInput;
  }

  const built = await build(loaded, { cwd, ...(opts.out !== undefined ? { outRoot: opts.out } : {}), ...(opts.env ? { env: opts.env } : {}), ...(opts.target ? { target: opts.target } : {}) });
  const { diagnostics } = built;
  if (!built.ok) {
    printDiagnostics(output, diagnostics, sources);
    output.err('nothing was written');
    return EXIT.badInput;
  }

  const planned = planBuild(built, { force: opts.force ?? false });
  if (!planned.plan) {
    printDiagnostics(output, [...diagnostics, ...planned.diagnostics], sources);
    return EXIT.badInput;
  }
  const { plan } = planned;
  // Infos (how a target maps a setting) are worth reading once, not on every build.
  const notes = diagnostics.filter((d) => d.severity === 'info');
  printDiagnostics(output, opts.verbose ? diagnostics : diagnostics.filter((d) => d.severity !== 'info'), sources);
  if (notes.length > 0 && !opts.verbose) output.err(output.palette.dim(`${plural(notes.length, 'note')} on how targets map this stack: run with --verbose to read ${notes.length === 1 ? 'it' : 'them'}`));

  if (opts.check) return reportCheck(plan, output);
  if (plan.conflicts.length > 0) {
    output.err(conflictReport(plan.conflicts, output));
    output.err('nothing was written');
    return EXIT.badInput;
  }
  if (opts.dryRun) {
    output.out(planLines(plan, output).concat(summary(plan, 'would be ')).join('\n'));
    return EXIT.ok;
  }
  writeBuild(built, plan);
  written();
  output.out(planLines(plan, output).concat(summary(plan, '')).join('\n'));
  return EXIT.ok;
}

function planLines(plan: Plan, output: Output): string[] {
  const { palette: p } = output;
  const lines = changes(plan).map((a) =>
    a.kind === 'create' ? `  ${p.info('+')} ${a.artifact.path}` : a.kind === 'update' ? `  ${p.warning('~')} ${a.artifact.path}` : a.kind === 'prune' ? `  ${p.error('-')} ${a.entry.path}` : '',
  );
  for (const entry of plan.abandoned) lines.push(`  ${p.dim('!')} ${entry.path} ${p.dim('(no longer generated, but edited by hand: left in place)')}`);
  return lines;
}

function summary(plan: Plan, prefix: string): string {
  const count = (kind: string) => plan.actions.filter((a) => a.kind === kind).length;
  const written = count('create') + count('update');
  const parts = [`${written} ${prefix}written${count('create') ? ` (${count('create')} new)` : ''}`, `${count('unchanged')} unchanged`, `${count('prune')} ${prefix}pruned`];
  return `stackc build: ${parts.join(', ')}`;
}

function reportCheck(plan: Plan, output: Output): number {
  const pending = changes(plan);
  if (pending.length === 0 && plan.conflicts.length === 0) {
    output.out(`stackc build --check: up to date (${plural(plan.actions.length, 'file')})`);
    return EXIT.ok;
  }
  const lines = planLines(plan, output).concat(plan.conflicts.map((c) => `  ${output.palette.warning('~')} ${c.path} ${output.palette.dim(`(${conflictReason(c)})`)}`));
  output.out(`${lines.join('\n')}\nstackc build --check: ${pending.length + plan.conflicts.length} file(s) out of date; run \`stackc build\` and commit the result`);
  return EXIT.findings;
}

function conflictReason(c: Conflict): string {
  if (c.reason === 'blocked') return c.detail ?? 'in the way';
  return c.reason === 'edited' ? 'edited by hand since stackc generated it' : 'exists, and stackc did not generate it';
}

function conflictReport(conflicts: readonly Conflict[], output: Output): string {
  const lines = conflicts.map((c) => `  ${c.path}: ${conflictReason(c)}`);
  return `${output.palette.error('error')}: ${output.palette.bold(`stackc will not overwrite ${conflicts.length === 1 ? 'this file' : `these ${conflicts.length} files`}:`)} ${output.palette.dim('[would-overwrite]')}
${lines.join('\n')}
${conflictHints(conflicts).map((hint) => `  ${output.palette.info('hint:')} ${hint}`).join('\n')}`;
}

/** `--force` replaces files (edited or not generated), never a link or a directory in the way: say so for each kind present. */
export function conflictHints(conflicts: readonly Conflict[]): string[] {
  const hints: string[] = [];
  const files = conflicts.filter((c) => c.reason !== 'blocked');
  if (files.length > 0) hints.push(`move the change into stack.yaml (generated files are rewritten on every build), or rename the file; \`stackc build --force\` overwrites ${files.length === 1 ? 'it' : 'them'}`);
  if (files.length < conflicts.length) hints.push('stackc never writes through a symbolic link or over a directory, even with `--force`: remove or rename what is in the way (or build elsewhere with `--out <dir>`)');
  return hints;
}
