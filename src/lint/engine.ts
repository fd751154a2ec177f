// The lint run: resolve the configuration, give each enabled rule a context over the model and the
// sources it needs (loaded lazily: no git, Dockerfile or emitter work unless a rule asks), walk the
// stack once calling the enabled rules' hooks (src/lint/rule.ts), then turn reports into findings:
// positioned, deduplicated, fingerprinted, masked, suppressed or baselined.
import { statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate, type ParsedSource } from '../load/parse.js';
import type { DataPath, Stack } from '../model/stack.js';
import { fingerprintOf, type Baseline } from './baseline.js';
import { resolveConfig, type ResolvedRule } from './config.js';
import { docsUrl } from './docs-url.js';
import { maskAll, redact, secretHash } from './redact.js';
import { maskSecretText } from '../vocabulary/mask-secret-text.js';
import type { AnyRule, ContainerFacts, FileKind, FindingInput, FindingSeverity, Level, Location, ResourceFacts, ServiceFacts } from './rule.js';
import type { DeploymentModel } from '../deploy/model.js';
import { planTarget, type TargetPlan } from '../deploy/placement.js';
import { resolveDeployment } from '../deploy/resolve.js';
import { dockerfileReader } from '../dockerfile/reader.js';
import { BUILTIN_CAPABILITIES } from '../emit/builtin-capabilities.js';
import type { Capabilities } from '../emit/capabilities.js';
import { readRepository, readTextFile, type Repository } from './sources/repository.js';
import type { RenderedStack } from './sources/artifacts.js';
import { byCodePoint } from '../model/order.js';
import { parseDirectives, suppressing, type Directive } from './suppressions.js';

export interface Finding {
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  hint?: string;
  /** As the user sees it: relative to the working directory, `/`-separated. */
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Where in the model (a JSON pointer into stack.yaml's data), or in another file, the finding is. */
  pointer: string;
  /** Stable across edits that move lines: rule, project-relative file, pointer, and a hash of any secret. */
  fingerprint: string;
  docs: string;
  /** The secret found, redacted (`ghp_…(40 chars)`), when the finding is about one. */
  redacted?: string;
  suppressed?: { kind: 'inSource' | 'external'; reason?: string; at?: string };
  /** Present in the baseline: known, not counted. */
  baselined?: boolean;
}

export interface LintInput {
  stack: Stack;
  source: ParsedSource;
  /** Directory paths are shown relative to. */
  cwd: string;
  catalog: readonly AnyRule[];
  /** `--rule id=level` overrides. */
  levels?: ReadonlyMap<string, Level>;
  /** `false` ignores `stackc-disable` comments (for CI that wants to see everything). */
  inlineSuppressions?: boolean;
  baseline?: Baseline;
}

export interface LintResult {
  /** Sorted by file and position; suppressed and baselined ones included, flagged. */
  findings: Finding[];
  /** Configuration errors (unknown rules, bad options): the run did not happen. */
  diagnostics: Diagnostic[];
  /** The rules that ran, with their levels. */
  rules: ResolvedRule[];
  /** Texts of the files findings are in, secrets masked, for code frames. */
  sources: Map<string, string>;
}

/** Engine-level rules: the engine reports these itself, after the others ran. */
export const UNUSED_SUPPRESSION = 'unused-suppression';
export const SUPPRESSION_REASON = 'suppression-reason';

export async function runLint(input: LintInput): Promise<LintResult> {
  const { stack, source, cwd } = input;
  const config = resolveConfig(stack.lint, source, input.catalog, input.levels);
  if (hasErrors(config.diagnostics)) return { findings: [], diagnostics: config.diagnostics, rules: [], sources: new Map() };
  const enabled = config.rules.filter((r) => r.level !== 'off');

  const ignored = stack.lint.ignore.length ? picomatch(stack.lint.ignore, { dot: true }) : () => false;
  const stackFile = toPosix(relative(stack.root, join(cwd, source.file)));
  const display = (projectFile: string): string => toPosix(relative(cwd, join(stack.root, projectFile))) || projectFile;
  const texts = new Map<string, string>([[stackFile, source.text]]);

  // Built-in targets never write what the plugin-only rules look for, unless a patch makes them.
  const patched = stack.targets.some((t) => Array.isArray(t.options.patches) && t.options.patches.length > 0);
  const rendersTargets = enabled.some(({ rule: { meta } }) => meta.scopes.includes('artifacts') && (!meta.pluginTargetsOnly || stack.plugins.length > 0 || patched));
  let rendered: RenderedStack = { artifacts: [], failures: [] };
  if (rendersTargets) rendered = await (await import('./sources/artifacts.js')).renderStack(stack, source);

  // Dockerfiles as the rules and the deployment model read them: each parsed once, its text kept for
  // code frames.
  const dockerfile = dockerfileReader((path) => {
    const text = readTextFile(join(stack.root, path));
    if (text !== undefined) texts.set(path, text);
    return text;
  });
  let resolved: DeploymentModel | undefined;
  const model = (): DeploymentModel => (resolved ??= resolveDeployment(stack, dockerfile).model);
  let planned: TargetPlan[] | undefined;
  const plans = (): TargetPlan[] => (planned ??= stack.targets.map((config) => planTarget(model(), config, BUILTIN_CAPABILITIES[config.name]?.runs)));
  const capabilities = (target: string): Capabilities | undefined => BUILTIN_CAPABILITIES[target];
  let repository: Repository | undefined | null = null;
  const repo = (): Repository | undefined => {
    if (repository === null) {
      const full = readRepository(stack.root);
      repository = full && { ...full, tracked: full.tracked.filter((f) => !ignored(f)), untracked: full.untracked.filter((f) => !ignored(f)) };
    }
    return repository;
  };
  const kinds = new Map<string, FileKind>();
  const fileKind = (path: string): FileKind => {
    let kind = kinds.get(path);
    if (kind === undefined) {
      try {
        const stats = statSync(join(stack.root, path));
        kind = stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
      } catch {
        kind = 'missing';
      }
      kinds.set(path, kind);
    }
    return kind;
  };
  // Every enabled service in every environment, in declaration order: what the hooks visit. Built
  // once, shared by the rules (and by `instances`), and only when a rule is on that needs it.
  let visits: ServiceFacts[] | undefined;
  const serviceFacts = (): ServiceFacts[] => (visits ??= model().environments.flatMap((environment) => environment.services.map((service) => ({ service, environment }))));
  let byName: Map<string, ServiceFacts[]> | undefined;
  const instances = (name: string): readonly ServiceFacts[] => {
    if (!byName) {
      byName = new Map();
      for (const facts of serviceFacts()) {
        const list = byName.get(facts.service.name);
        if (list) list.push(facts);
        else byName.set(facts.service.name, [facts]);
      }
    }
    return byName.get(name) ?? [];
  };

  interface Raw extends FindingInput {
    ruleId: string;
    level: FindingSeverity;
  }
  const raws: Raw[] = [];
  // What the hooks of an erased rule take: options and state typed by the rule, checked by config.ts.
  type Context = Parameters<NonNullable<AnyRule['check']>>[0];
  const active: { rule: AnyRule; ctx: Context }[] = [];
  let running: AnyRule | undefined; // the rule whose hook is running, for the error if it throws
  try {
    for (const { rule, level, options } of enabled) {
      if (rule.meta.id === UNUSED_SUPPRESSION || rule.meta.id === SUPPRESSION_REASON) continue;
      const ctx: Context = {
        stack,
        stackFile,
        stackText: source.text,
        options: options as Context['options'],
        state: undefined,
        report: (f) => raws.push({ ...f, ruleId: rule.meta.id, level: level as FindingSeverity }),
        instances,
        dockerfile,
        fileKind,
        repository: repo,
        model,
        plans,
        capabilities,
        artifacts: () => rendered.artifacts,
      };
      running = rule;
      if (rule.state) ctx.state = rule.state(ctx);
      active.push({ rule, ctx });
    }

    // One walk for all rules: services (and containers) of every environment, then resources, then
    // the whole-stack checks. A rule without a hook for a kind of node costs nothing there.
    const onService = active.filter((a) => a.rule.service);
    const onContainer = active.filter((a) => a.rule.container);
    if (onService.length > 0 || onContainer.length > 0) {
      for (const facts of serviceFacts()) {
        for (const { rule, ctx } of onService) (running = rule).service!(ctx, facts);
        if (facts.service.kind !== 'container') continue;
        for (const { rule, ctx } of onContainer) (running = rule).container!(ctx, facts as ContainerFacts);
      }
    }
    const onResource = active.filter((a) => a.rule.resource);
    if (onResource.length > 0) {
      for (const environment of model().environments) {
        for (const resource of environment.resources) {
          const facts: ResourceFacts = { resource, environment };
          for (const { rule, ctx } of onResource) (running = rule).resource!(ctx, facts);
        }
      }
    }
    const onJob = active.filter((a) => a.rule.job);
    if (onJob.length > 0) {
      for (const environment of model().environments) {
        for (const job of environment.jobs) for (const { rule, ctx } of onJob) (running = rule).job!(ctx, { job, environment });
      }
    }
    for (const { rule, ctx } of active) if (rule.check) (running = rule).check!(ctx);
  } catch (error) {
    throw new Error(`lint rule \`${running?.meta.id}\` failed: ${(error as Error).message}`, { cause: error });
  }

  const secrets = raws.flatMap((r) => (r.secret ? [r.secret] : []));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const at = position(raw.at, source, stackFile);
    if (ignored(at.projectFile)) continue;
    const key = [raw.ruleId, at.projectFile, at.line, at.col, raw.message].join('\0');
    if (seen.has(key)) continue; // the same finding in several environments is one finding
    seen.add(key);
    if (!texts.has(at.projectFile)) {
      const text = readTextFile(join(stack.root, at.projectFile));
      if (text !== undefined) texts.set(at.projectFile, text);
    }
    findings.push({
      ruleId: raw.ruleId,
      severity: cap(raw.level, raw.severity),
      message: maskAll(raw.message, secrets, redact),
      ...(raw.hint ? { hint: maskAll(raw.hint, secrets, redact) } : {}),
      file: display(at.projectFile),
      line: at.line,
      col: at.col,
      endLine: at.endLine,
      endCol: at.endCol,
      pointer: at.pointer,
      fingerprint: fingerprintOf(raw.ruleId, at.projectFile, at.pointer, raw.key, raw.secret ? secretHash(raw.secret) : undefined),
      docs: docsUrl(raw.ruleId),
      ...(raw.secret ? { redacted: redact(raw.secret) } : {}),
    });
  }

  const levelOf = (id: string) => enabled.find((r) => r.rule.meta.id === id)?.level as FindingSeverity | undefined;
  if (input.inlineSuppressions !== false) applySuppressions(findings, texts, display, input.catalog, levelOf);
  if (input.baseline) for (const f of findings) if (!f.suppressed && input.baseline.has(f.fingerprint)) f.baselined = true;

  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || byCodePoint(a.ruleId, b.ruleId) || byCodePoint(a.message, b.message)));
  const diagnostics = [...config.diagnostics, ...rendered.failures];
  // Code frames need the texts of files something points at, no others: masking every file the
  // rules read (every tracked file, for known-secret-pattern) would cost each pre-commit run.
  const framed = new Set([...findings.map((f) => f.file), ...diagnostics.flatMap((d) => (d.at ? [d.at.file] : []))]);
  const sources = new Map<string, string>();
  // The values rules found, then whatever else looks like a secret on a frame's context lines.
  for (const [file, text] of texts) if (framed.has(display(file))) sources.set(display(file), maskSecretText(maskAll(text, secrets)));
  return { findings, diagnostics, rules: enabled, sources };
}

interface Position {
  projectFile: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  pointer: string;
}

function position(at: Location, source: ParsedSource, stackFile: string): Position {
  if ('path' in at) {
    const ref = locate(source, at.path, { key: at.key === true });
    return { projectFile: stackFile, line: ref.line, col: ref.col, endLine: ref.endLine, endCol: ref.endCol, pointer: jsonPointer(at.path) };
  }
  return { projectFile: toPosix(at.file), line: at.line, col: at.col, endLine: at.endLine ?? at.line, endCol: at.endCol ?? at.col + 1, pointer: at.pointer ?? '' };
}

const ORDER: Record<FindingSeverity, number> = { info: 0, warn: 1, error: 2 };
/** A rule may report below its level (a worker's missing healthcheck), never above it. */
const cap = (level: FindingSeverity, reported: FindingSeverity | undefined): FindingSeverity => (reported && ORDER[reported] < ORDER[level] ? reported : level);

export const jsonPointer = (path: DataPath): string => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const toPosix = (p: string): string => p.split(sep).join('/');

/** Marks suppressed findings and reports the directives that suppressed nothing or give no reason. */
function applySuppressions(findings: Finding[], texts: Map<string, string>, display: (f: string) => string, catalog: readonly AnyRule[], levelOf: (id: string) => FindingSeverity | undefined): void {
  const known = new Set(catalog.map((r) => r.meta.id));
  const byFile = new Map<string, { projectFile: string; directives: Directive[] }>();
  for (const [projectFile, text] of texts) {
    if (!text.includes('stackc-')) continue;
    byFile.set(display(projectFile), { projectFile, directives: parseDirectives(text) });
  }
  const used = new Set<string>();
  for (const f of findings) {
    const entry = byFile.get(f.file);
    const directive = entry && suppressing(entry.directives, f.ruleId, f.line);
    if (!directive) continue;
    f.suppressed = { kind: 'inSource', ...(directive.reason ? { reason: directive.reason } : {}), at: `${f.file}:${directive.line}` };
    used.add(`${f.file}:${directive.line}:${f.ruleId}`);
  }
  const unusedLevel = levelOf(UNUSED_SUPPRESSION);
  const reasonLevel = levelOf(SUPPRESSION_REASON);
  for (const [file, { projectFile, directives }] of byFile) {
    for (const d of directives) {
      const at = { file, line: d.line, col: d.col, endLine: d.line, endCol: d.endCol };
      const pointer = `#stackc-${d.kind}`;
      const add = (ruleId: string, severity: FindingSeverity, message: string, hint: string, key: string) =>
        findings.push({ ruleId, severity, message, hint, ...at, pointer, fingerprint: fingerprintOf(ruleId, projectFile, pointer, key), docs: docsUrl(ruleId) });
      if (d.kind === 'enable') continue;
      if (reasonLevel && !d.reason) {
        add(SUPPRESSION_REASON, reasonLevel, `\`stackc-${d.kind}\` gives no reason`, 'add one after ` -- `, e.g. `# stackc-disable-next-line non-root-user -- the image drops to uid 101 itself`', d.rules.join(','));
      }
      if (!unusedLevel) continue;
      if (d.rules.length === 0) {
        add(UNUSED_SUPPRESSION, unusedLevel, `\`stackc-${d.kind}\` names no rule, so it suppresses nothing`, 'name the rules it is for: `# stackc-disable-next-line <rule> -- <reason>`', '');
      }
      for (const rule of d.rules) {
        if (!known.has(rule)) {
          add(UNUSED_SUPPRESSION, unusedLevel, `\`stackc-${d.kind}\` names \`${rule}\`, which is not a rule`, 'run `stackc rules` for the list', rule);
        } else if (!used.has(`${file}:${d.line}:${rule}`)) {
          add(UNUSED_SUPPRESSION, unusedLevel, `\`stackc-${d.kind} ${rule}\` suppresses nothing`, 'remove it: the problem it was for is gone (or the rule is off)', rule);
        }
      }
    }
  }
}
