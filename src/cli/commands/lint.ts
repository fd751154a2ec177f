// `stackc lint`: policy checks over stack.yaml, the Dockerfiles it builds and the repository.
// Exit 1 on errors (or more warnings than --max-warnings), 0 otherwise, 2 on bad input; the exit
// code never depends on the format or on --output.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LintFormat } from '../../api/format.js';
import { lint } from '../../api/lint.js';
import { hasErrors, type Diagnostic, type SourceRef } from '../../diagnostics/diagnostic.js';
import { loadStack } from '../../api/load.js';
import { DEFAULT_BASELINE, parseBaseline, serializeBaseline, type Baseline } from '../../lint/baseline.js';
import { RULES } from '../../lint/catalog/index.js';
import { parseRuleFlags } from '../../lint/config.js';
import { active, failed, summarize, summaryText } from '../../lint/summary.js';
import { EXIT } from '../exit-codes.js';
import { PLAIN_PALETTE, printDiagnostics, type Output } from '../output.js';
import { stackFilePath, workingDirectory, type GlobalOptions } from '../stack-file.js';
import { plural } from '../../vocabulary/plural.js';
import { formatPretty } from '../../lint/format/pretty.js';
import type { LintResult } from '../../lint/engine.js';
import { plain, type Palette } from '../../diagnostics/format.js';

export type { LintFormat };

export interface LintOptions extends GlobalOptions {
  format?: LintFormat;
  output?: string;
  rule?: string[];
  maxWarnings?: string;
  baseline?: string;
  updateBaseline?: boolean;
  inlineSuppressions?: boolean;
}

export async function runLintCommand(opts: LintOptions, output: Output): Promise<number> {
  const usage = (message: string, hint: string) => {
    printDiagnostics(output, [{ severity: 'error', code: 'usage', message, hint }], new Map());
    return EXIT.badInput;
  };
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) return usage(`--max-warnings ${opts.maxWarnings} is not a whole number`, 'e.g. --max-warnings 0 fails on any warning');
  const flags = parseRuleFlags(opts.rule ?? [], RULES);
  if (flags.diagnostics.length) {
    printDiagnostics(output, flags.diagnostics, new Map());
    return EXIT.badInput;
  }

  const cwd = workingDirectory(opts);
  const path = stackFilePath(opts, cwd);
  const stackPath = resolve(cwd, path);
  const root = dirname(stackPath);
  const inProject = (name: string) => {
    const absolute = resolve(cwd, name);
    const rel = relative(root, absolute);
    const relCwd = relative(cwd, absolute);
    return (!rel.startsWith('..') && !isAbsolute(rel)) || (!relCwd.startsWith('..') && !isAbsolute(relCwd)) ? absolute : undefined;
  };
  /** The one output guard (src/emit/output-guard.ts): never the stack file, a generated file, .git/, a directory or a link. */
  const refused = async (flag: string, name: string, what: string): Promise<number | undefined> => {
    const [{ outputPathProblem }, { readManifest }] = await Promise.all([import('../../emit/output-guard.js'), import('../../emit/writer.js')]);
    const problem = outputPathProblem(resolve(cwd, name), { stackPath, root, manifest: readManifest(root) });
    return problem ? usage(`${flag} ${name} ${problem.why}; stackc lint does not write ${what} there`, problem.hint) : undefined;
  };
  if (opts.output !== undefined && !opts.updateBaseline) {
    const code = await refused('--output', opts.output, 'its report');
    if (code !== undefined) return code;
  }
  /**
   * A run stopped by errors (stack.yaml does not load, a bad lint configuration) still gives a json
   * or sarif report that carries them, so that an `if: always()` upload step has a file to upload.
   */
  const stopped = async (diagnostics: readonly Diagnostic[]): Promise<number> => {
    if (opts.updateBaseline || (opts.format !== 'json' && opts.format !== 'sarif')) return EXIT.badInput;
    const whole: SourceRef = { file: toPosix(path), line: 1, col: 1, endLine: 1, endCol: 1 };
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => (d.at ? d : { ...d, at: whole }));
    const report = await formatReport({ findings: [], diagnostics: errors, rules: [], sources: new Map() }, opts.format);
    if (!opts.output) process.stdout.write(report);
    else {
      const target = inProject(opts.output);
      if (!target) return usage(`--output ${opts.output} is outside the project`, 'write the report inside the project, or redirect stdout: `stackc lint --format sarif > /tmp/stackc.sarif`');
      (await import('../../emit/writer.js')).writeAtomically(target, report);
      output.err(`the report written to ${opts.output} carries ${errors.length === 1 ? 'this error' : 'these errors'}`);
    }
    return EXIT.badInput;
  };

  const found = loadStack(path, { cwd });
  if (!found.ok) {
    printDiagnostics(output, found.diagnostics, found.sources);
    return stopped(found.diagnostics);
  }
  const loaded = { ...found, cwd, path };
  const { stack, sources } = loaded;
  const baselinePath = opts.baseline ?? (opts.updateBaseline ? relative(cwd, join(stack.root, DEFAULT_BASELINE)) || DEFAULT_BASELINE : undefined);
  if (opts.updateBaseline) {
    const code = await refused('--baseline', baselinePath!, 'the baseline');
    if (code !== undefined) return code;
  }
  let baseline: Baseline | undefined;
  if (baselinePath && !opts.updateBaseline) {
    const absolute = resolve(cwd, baselinePath);
    if (!existsSync(absolute)) return usage(`the baseline ${baselinePath} does not exist`, 'create it with `stackc lint --update-baseline`');
    const parsed = parseBaseline(readFileSync(absolute, 'utf8'));
    if (typeof parsed === 'string') return usage(`the baseline ${baselinePath} cannot be used: ${parsed}`, 'recreate it with `stackc lint --update-baseline`');
    baseline = parsed;
  }

  const result = await lint(loaded, {
    cwd,
    rules: flags.levels,
    ...(opts.inlineSuppressions === false ? { inlineSuppressions: false } : {}),
    ...(baseline ? { baseline } : {}),
  });
  if (hasErrors(result.diagnostics)) {
    printDiagnostics(output, [...loaded.diagnostics, ...result.diagnostics], sources);
    return stopped(result.diagnostics);
  }
  printDiagnostics(output, [...loaded.diagnostics, ...result.diagnostics], sources);

  if (opts.updateBaseline) {
    const target = inProject(baselinePath!);
    if (!target) return usage(`--baseline ${baselinePath} is outside the project`, 'keep the baseline next to stack.yaml (default: .stackc/lint-baseline.json)');
    const entries = active(result.findings).map((f) => ({ rule: f.ruleId, file: toPosix(relative(stack.root, resolve(cwd, f.file))), pointer: f.pointer, fingerprint: f.fingerprint }));
    (await import('../../emit/writer.js')).writeAtomically(target, serializeBaseline(entries));
    output.err(`wrote ${baselinePath}: ${plural(entries.length, 'finding')} recorded; \`stackc lint --baseline ${baselinePath}\` now reports only new ones`);
    return EXIT.ok;
  }

  const report = await formatReport(result, opts.format ?? 'pretty', { palette: opts.output ? PLAIN_PALETTE : output.palette, ...(maxWarnings === undefined ? {} : { maxWarnings }) });
  if (opts.output) {
    const target = inProject(opts.output);
    if (!target) return usage(`--output ${opts.output} is outside the project`, 'write the report inside the project, or redirect stdout: `stackc lint --format sarif > /tmp/stackc.sarif`');
    (await import('../../emit/writer.js')).writeAtomically(target, report);
    output.err(`${summaryText(summarize(result.findings))}; report written to ${opts.output}`);
  } else if (opts.format === 'pretty' || opts.format === undefined) {
    output.out(report);
  } else {
    process.stdout.write(report);
  }
  return failed(summarize(result.findings), maxWarnings) ? EXIT.findings : EXIT.ok;
}



const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * `formatLint` (src/api/format.ts) for the CLI: the pretty report, which a pre-commit run prints,
 * is loaded with the command; the machine formats (and the diff formats beside them in the API
 * module) only when asked for.
 */
async function formatReport(result: LintResult, format: LintFormat = 'pretty', options: { maxWarnings?: number; palette?: Palette } = {}): Promise<string> {
  if (format !== 'pretty') return (await import('../../api/format.js')).formatLint(result, format, options);
  return formatPretty(result, options.palette ?? plain, options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings });
}
