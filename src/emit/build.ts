// The build, short of writing: pick the targets (built-in and plugins), check the selection,
// render every artifact, and turn every problem into a diagnostic with a stack.yaml position.
import { relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { targetNotEnabled, unknownEnvironment } from '../diagnostics/selection.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { BUILTIN_TARGETS as BUILTIN_TARGET_NAMES } from '../load/checks/names.js';
import { locate, type ParsedSource } from '../load/parse.js';
import { resolveDeployment } from '../deploy/resolve.js';
import { dockerfileReader, noDockerfiles, type ProjectFiles } from '../dockerfile/reader.js';
import type { Stack } from '../model/stack.js';
import { NO_PROJECT, readProject } from '../project/package-managers.js';
import { hasPatches, loadPlatformSchemas } from './patches/schema-check.js';
import { loadPlugins, pluginOptionProblems } from './plugins.js';
import { BUILTIN_TARGETS } from './registry.js';
import { markBuiltin, renderArtifacts, type RenderResult } from './render.js';
import type { Target } from './target.js';

markBuiltin(BUILTIN_TARGETS);

export interface BuildSelection {
  environment?: string;
  target?: string;
  /** Absolute output root (default: the stack's directory). */
  outRoot: string;
  /** Absolute path of stack.yaml. */
  stackPath: string;
  /** The project's files (Dockerfiles) as this build sees them; none: what they would say is unknown. */
  files?: ProjectFiles;
  /** The first bytes of the same files (lockfiles, whatever their size); with `files`, the package-manager facts CI reads. */
  heads?: ProjectFiles;
}

export interface PreparedBuild extends RenderResult {
  diagnostics: Diagnostic[];
  /** Declared output globs by target name (every built-in target, loaded plugins that declare them): what pruning may trust. */
  layouts: Record<string, readonly string[]>;
}

/** The output layouts targets declare as data (`capabilities.outputs`). */
const layoutsOf = (targets: readonly Target[]): Record<string, readonly string[]> =>
  Object.fromEntries(targets.flatMap((t) => (t.capabilities?.outputs ? [[t.name, t.capabilities.outputs]] : [])));

export async function prepareBuild(stack: Stack, source: ParsedSource, selection: BuildSelection): Promise<PreparedBuild> {
  const diagnostics: Diagnostic[] = [];
  const at = (path: readonly (string | number)[] | undefined) => (path ? { at: locate(source, path, { key: true }) } : {});
  const failWith = (diagnostic: Diagnostic): PreparedBuild => ({ artifacts: [], rendered: [], problems: [], layouts: {}, diagnostics: [...diagnostics, diagnostic] });

  const envNames = stack.environments.map((e) => e.name);
  if (selection.environment && !envNames.includes(selection.environment)) {
    return failWith(unknownEnvironment(selection.environment, envNames, source.file));
  }
  const enabled = stack.targets.map((t) => t.name);
  if (selection.target && !enabled.includes(selection.target)) {
    return failWith(targetNotEnabled(selection.target, enabled, source.file));
  }

  if (stack.targets.length === 0) {
    diagnostics.push({ severity: 'warning', code: 'no-targets', message: `${source.file} enables no targets, so there is nothing to build`, hint: 'add one, e.g. `targets: { compose: {} }`', ...at(['name']) });
  }
  const plugins = await loadPlugins(stack, BUILTIN_TARGETS.map((t) => t.name));
  for (const p of plugins.problems) diagnostics.push({ severity: 'error', code: p.code, message: p.message, hint: p.hint, ...at(p.path) });
  const targets: Target[] = [...BUILTIN_TARGETS, ...plugins.targets];
  const available = new Set(targets.map((t) => t.name));

  for (const config of stack.targets) {
    if (selection.target && config.name !== selection.target) continue;
    const target = targets.find((t) => t.name === config.name);
    if (!target) {
      const planned = (BUILTIN_TARGET_NAMES as readonly string[]).includes(config.name);
      diagnostics.push(
        planned
          ? { severity: 'warning', code: 'target-not-available', message: `target \`${config.name}\` is not available in this version of stackc yet; nothing is generated for it`, hint: `available targets: ${[...available].join(', ')}`, ...at(config.path) }
          : { severity: 'error', code: 'unknown-target', message: `no plugin provides target \`${config.name}\``, hint: didYouMean(config.name, [...available]) ?? 'declare the plugin that provides it under `plugins`', ...at(config.path) },
      );
      continue;
    }
    for (const problem of pluginOptionProblems(target, config.options)) {
      diagnostics.push({ severity: 'error', code: 'invalid-target-options', message: `options of target \`${config.name}\`: ${problem}`, ...at(config.path) });
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { artifacts: [], rendered: [], problems: [], layouts: {}, diagnostics };

  const stackFile = relative(selection.outRoot, selection.stackPath).split(sep).join('/');
  const { model, problems } = resolveDeployment(stack, selection.files ? dockerfileReader(selection.files) : noDockerfiles, selection.files);
  const reported = new Set<string>();
  for (const p of problems) {
    if (selection.environment && p.environment !== selection.environment) continue;
    // A problem of a line shared by several environments is reported once.
    const key = `${p.code}\0${(p.path ?? []).join('\0')}\0${p.message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    diagnostics.push({ severity: p.severity, code: p.code, message: p.message, ...(p.hint ? { hint: p.hint } : {}), ...at(p.path) });
  }
  const project = selection.files && selection.heads ? readProject(selection.files, selection.heads, stackFile) : NO_PROJECT;
  // Patched files are checked against the platforms' schemas: their chunk loads only when there are patches.
  if (hasPatches(stack.targets)) await loadPlatformSchemas();
  const result = renderArtifacts(model, targets, { stackFile, project, ...(selection.environment ? { environment: selection.environment } : {}), ...(selection.target ? { target: selection.target } : {}) });
  for (const p of result.problems) {
    diagnostics.push({ severity: p.severity, code: p.code, message: p.message, ...(p.hint ? { hint: p.hint } : {}), ...at(p.path) });
  }
  return { ...result, diagnostics, layouts: layoutsOf(targets) };
}
