// Which rules run, at which level, with which options: the preset, then stack.yaml's `lint.rules`,
// then `--rule id=level` from the command line. Unknown rules and bad options are input errors
// (exit 2) with "did you mean", never silently ignored.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean, oneOfList } from '../diagnostics/suggest.js';
import { locate, type ParsedSource } from '../load/parse.js';
import type { LintConfig } from '../model/stack.js';
import type { AnyRule, Level, OptionSpec } from './rule.js';

export const LEVELS: readonly Level[] = ['off', 'info', 'warn', 'error'];

export interface ResolvedRule {
  rule: AnyRule;
  level: Level;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: ResolvedRule[];
  diagnostics: Diagnostic[];
}

/** A rule's level in a preset. */
export function presetLevel(rule: AnyRule, preset: LintConfig['preset']): Level {
  if (preset === 'recommended') return rule.meta.severity;
  return rule.meta.strict ?? (rule.meta.severity === 'off' ? 'warn' : rule.meta.severity);
}

/** Parses `--rule id=level` arguments. */
export function parseRuleFlags(flags: readonly string[], catalog: readonly AnyRule[]): { levels: Map<string, Level>; diagnostics: Diagnostic[] } {
  const levels = new Map<string, Level>();
  const diagnostics: Diagnostic[] = [];
  const ids = catalog.map((r) => r.meta.id);
  for (const flag of flags) {
    const [id = '', level = ''] = flag.split('=', 2).map((s) => s.trim());
    if (!ids.includes(id)) {
      diagnostics.push(usage(`--rule ${flag}: there is no rule \`${id}\``, didYouMean(id, ids) ?? 'run `stackc rules` for the list'));
    } else if (!(LEVELS as string[]).includes(level)) {
      diagnostics.push(usage(`--rule ${flag}: the level must be ${oneOfList(LEVELS)}`, `e.g. --rule ${id}=warn`));
    } else {
      levels.set(id, level as Level);
    }
  }
  return { levels, diagnostics };
}

export function resolveConfig(config: LintConfig, source: ParsedSource, catalog: readonly AnyRule[], flags: ReadonlyMap<string, Level> = new Map()): ResolvedConfig {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map(catalog.map((r) => [r.meta.id, r]));
  for (const [id, setting] of Object.entries(config.rules)) {
    if (byId.has(id)) continue;
    diagnostics.push({ severity: 'error', code: 'unknown-rule', message: `there is no lint rule \`${id}\``, hint: didYouMean(id, byId.keys()) ?? 'run `stackc rules` for the list', at: locate(source, setting.path, { key: true }) });
  }
  const rules: ResolvedRule[] = [];
  for (const rule of catalog) {
    const setting = config.rules[rule.meta.id];
    const level = flags.get(rule.meta.id) ?? setting?.level ?? presetLevel(rule, config.preset);
    const { values, problems } = optionValues(rule, setting?.options ?? {});
    for (const problem of problems) {
      diagnostics.push({ severity: 'error', code: 'invalid-rule-options', message: `options of \`${rule.meta.id}\`: ${problem.message}`, hint: problem.hint, at: locate(source, [...setting!.path, 1, ...(problem.key ? [problem.key] : [])], { key: problem.unknown === true }) });
    }
    rules.push({ rule, level, options: values });
  }
  return { rules, diagnostics };
}

interface OptionProblem {
  key?: string;
  unknown?: boolean;
  message: string;
  hint: string;
}

/** Defaults merged with the options written, each checked against its spec. */
export function optionValues(rule: AnyRule, written: Record<string, unknown>): { values: Record<string, unknown>; problems: OptionProblem[] } {
  const specs: Record<string, OptionSpec> = rule.meta.options ?? {};
  const values: Record<string, unknown> = Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.default]));
  const problems: OptionProblem[] = [];
  const names = Object.keys(specs);
  for (const [key, value] of Object.entries(written)) {
    const spec = specs[key];
    if (!spec) {
      problems.push({ key, unknown: true, message: `unknown option \`${key}\``, hint: didYouMean(key, names) ?? (names.length ? `its options are ${oneOfList(names, 'and')}` : 'this rule has no options') });
      continue;
    }
    const problem = optionProblem(spec, value);
    if (problem) problems.push({ key, message: `\`${key}\` ${problem}`, hint: spec.description });
    else values[key] = value;
  }
  return { values, problems };
}

function optionProblem(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return spec.minimum !== undefined && value < spec.minimum ? `must be at least ${spec.minimum}` : undefined;
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return spec.enum && !spec.enum.includes(value) ? `must be ${oneOfList(spec.enum)}` : undefined;
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'must be a list of strings';
  }
}

const usage = (message: string, hint: string): Diagnostic => ({ severity: 'error', code: 'usage', message, hint });
