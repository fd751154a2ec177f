// lint: the policy checks of `stackc lint` over a loaded stack, the Dockerfiles it builds and the
// repository around it. Returns findings; formatting them is `formatLint`'s job.
import { resolve } from 'node:path';
import { didYouMean } from '../diagnostics/suggest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Baseline } from '../lint/baseline.js';
import { RULES } from '../lint/catalog/index.js';
import { LEVELS } from '../lint/config.js';
import { runLint, type LintResult } from '../lint/engine.js';
import type { AnyRule, Level } from '../lint/rule.js';
import type { LoadedStack } from './load.js';

export interface LintOptions {
  /** Directory finding paths are shown relative to (default `process.cwd()`). */
  cwd?: string;
  /** Rule levels for this run, over stack.yaml's `lint` settings (like `--rule id=level`). */
  rules?: Readonly<Record<string, Level>> | ReadonlyMap<string, Level>;
  /** The rules to run (default: the built-in ones, `builtinRules`); add your own `defineRule` rules here. */
  catalog?: readonly AnyRule[];
  /** `false` ignores `# stackc-disable` comments (for audits). */
  inlineSuppressions?: boolean;
  /** Findings recorded here are flagged `baselined` and not counted (`--baseline`). */
  baseline?: Baseline;
}

/**
 * Runs the enabled rules. Configuration mistakes (an unknown rule in stack.yaml, a bad option)
 * come back as `diagnostics` with no findings; findings are sorted, fingerprinted, and carry no
 * secret value (`redacted` shows a masked form).
 */
export async function lint(loaded: LoadedStack, options: LintOptions = {}): Promise<LintResult> {
  const catalog = options.catalog ?? RULES;
  const levels: ReadonlyMap<string, Level> = options.rules instanceof Map ? options.rules : new Map(Object.entries(options.rules ?? {}));
  const ids = catalog.map((r) => r.meta.id);
  const diagnostics: Diagnostic[] = [];
  for (const [id, level] of levels) {
    if (!ids.includes(id)) diagnostics.push({ severity: 'error', code: 'unknown-rule', message: `there is no lint rule \`${id}\``, hint: didYouMean(id, ids) ?? 'the rules are listed by `stackc rules`' });
    else if (!(LEVELS as readonly unknown[]).includes(level)) diagnostics.push({ severity: 'error', code: 'invalid-level', message: `rule \`${id}\`: the level must be off, info, warn or error, not \`${String(level)}\`` });
  }
  if (diagnostics.length > 0) return { findings: [], diagnostics, rules: [], sources: new Map() };
  return runLint({
    stack: loaded.stack,
    source: loaded.source,
    cwd: resolve(options.cwd ?? process.cwd()),
    catalog,
    levels,
    ...(options.inlineSuppressions === false ? { inlineSuppressions: false } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
  });
}
