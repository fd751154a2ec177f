// Stack → artifacts for the selected targets and environments. Pure: the caller writes them.
import { createHash } from 'node:crypto';
import type { DataPath, Stack } from '../model/stack.js';
import { artifactPathProblem } from './artifact-path.js';
import type { Artifact, BuildProblem, Report, Target } from './target.js';

export interface RenderSelection {
  /** Only this environment (`--env`). */
  environment?: string;
  /** Only this target (`--target`). */
  target?: string;
  /** stack.yaml relative to the output root, as generated headers name it. */
  stackFile: string;
}

export interface RenderedTarget {
  name: string;
  environments: string[];
}

export interface RenderResult {
  artifacts: Artifact[];
  /** Which targets ran, and for which environments (so pruning touches only those). */
  rendered: RenderedTarget[];
  problems: (BuildProblem & { target: string })[];
}

export function renderArtifacts(stack: Stack, targets: readonly Target[], selection: RenderSelection): RenderResult {
  const byName = new Map(targets.map((t) => [t.name, t]));
  const artifacts: Artifact[] = [];
  const rendered: RenderedTarget[] = [];
  const problems: RenderResult['problems'] = [];
  const owners = new Map<string, string>();

  for (const config of stack.targets) {
    if (selection.target && config.name !== selection.target) continue;
    const target = byName.get(config.name);
    if (!target) continue; // reported while loading plugins
    const environments = selection.environment ? config.environments.filter((e) => e === selection.environment) : config.environments;
    if (environments.length === 0) continue;
    const report = reportOnce((p) => problems.push({ ...p, target: target.name }));
    const services = config.services ?? [...new Set(stack.environments.flatMap((e) => stack.views.get(e.name)!.services.map((s) => s.name)))];
    let emitted: Artifact[];
    try {
      emitted = target.emit(stack, { environments, services, options: config.options, stackFile: selection.stackFile, report });
    } catch (error) {
      if (isBuiltin(target)) throw error; // a bug in stackc: exit 3 with a request to report it
      report({ severity: 'error', code: 'plugin-failed', message: `target \`${target.name}\` failed: ${(error as Error).message}`, path: config.path as DataPath, hint: 'this is a problem in the plugin target' });
      continue;
    }
    rendered.push({ name: target.name, environments });
    for (const artifact of emitted) {
      const problem = artifactPathProblem(artifact.path);
      if (problem) {
        report({ severity: 'error', code: 'unsafe-path', message: `target \`${target.name}\` produced a file whose path ${problem}: \`${artifact.path}\``, path: config.path });
        continue;
      }
      const owner = owners.get(artifact.path);
      if (owner) {
        report({ severity: 'error', code: 'path-conflict', message: `targets \`${owner}\` and \`${target.name}\` both produce \`${artifact.path}\``, path: config.path });
        continue;
      }
      owners.set(artifact.path, target.name);
      artifacts.push({ ...artifact, target: target.name, content: artifact.content.endsWith('\n') ? artifact.content : `${artifact.content}\n` });
    }
  }
  artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { artifacts, rendered, problems };
}

/** The same finding in several environments is one finding: passes each (code, path, message) once. */
export function reportOnce(sink: Report): Report {
  const said = new Set<string>();
  return (p) => {
    const key = JSON.stringify([p.code, p.path ?? null, p.message]);
    if (said.has(key)) return;
    said.add(key);
    sink(p);
  };
}

const BUILTIN = new WeakSet<Target>();
/** Marks the built-in targets, whose exceptions are stackc bugs rather than plugin faults. */
export const markBuiltin = (targets: readonly Target[]): void => targets.forEach((t) => BUILTIN.add(t));
const isBuiltin = (t: Target): boolean => BUILTIN.has(t);

export const sha256 = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');
