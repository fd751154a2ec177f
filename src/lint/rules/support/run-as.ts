// Who a service's process runs as, and where that was decided: stack.yaml's `user`, the USER of the
// Dockerfile stage it runs, or nobody (a plain image with no `user` runs as the image's default,
// which is root for almost every image). Shared by the security rules (non-root-user, privileged-port).
import type { DataPath, Service, Stack, TargetConfig } from '../../../model/stack.js';
import type { RuleContext } from '../../rule.js';
import { inherited, runStage, type Dockerfile, type Instruction, type Stage } from '../../../dockerfile/dockerfile.js';

export type RunAs =
  /** `user:` in stack.yaml (wins over the image). */
  | { source: 'stack'; text: string; rootUser: boolean; rootGroup: boolean; at: DataPath }
  /** The USER of the run stage (or a stage it builds on); `instruction` undefined when there is none. */
  | { source: 'dockerfile'; dockerfile: Dockerfile; stage: Stage; instruction?: Instruction; text?: string; rootUser: boolean; rootGroup: boolean }
  /** An image with no `user`: whatever the image says, root unless it was built otherwise. */
  | { source: 'image'; image: string }
  /** Cannot tell: the Dockerfile is missing, or USER names a variable with no value here. */
  | { source: 'unknown' };

const ROOT = new Set(['0', 'root']);

/** `1000:0` → user `1000`, group `0`. */
export function splitUser(text: string): { user: string; group?: string } {
  const [user, group] = text.trim().split(':') as [string, string?];
  return group === undefined || group === '' ? { user } : { user, group };
}

export function runAs(ctx: RuleContext<unknown>, service: Service): RunAs {
  if (service.user) {
    const { user, group } = splitUser(service.user.text);
    return { source: 'stack', text: service.user.text, rootUser: ROOT.has(user), rootGroup: group !== undefined && ROOT.has(group), at: service.origins.user ?? [...service.path, 'user'] };
  }
  if (!service.build) return service.image ? { source: 'image', image: service.image } : { source: 'unknown' };
  const dockerfile = ctx.dockerfile(service);
  if (!dockerfile) return { source: 'unknown' };
  const stage = runStage(dockerfile, service.build.target);
  if (!stage) return { source: 'unknown' };
  const instruction = inherited(dockerfile, stage, 'USER');
  if (!instruction) return { source: 'dockerfile', dockerfile, stage, rootUser: true, rootGroup: false };
  const text = expand(instruction.args.split(/\s+/)[0] ?? '', dockerfile, stage, service.build.args);
  if (text === undefined || text === '') return { source: 'unknown' };
  const { user, group } = splitUser(text);
  return { source: 'dockerfile', dockerfile, stage, instruction, text, rootUser: ROOT.has(user), rootGroup: group !== undefined && ROOT.has(group) };
}

/** Whether the service's process is known not to be root (`undefined`: cannot tell). */
export function runsAsNonRoot(r: RunAs): boolean | undefined {
  if (r.source === 'unknown') return undefined;
  if (r.source === 'image') return false;
  return !r.rootUser;
}

/** The stage an instruction belongs to (USER may come from a stage the run stage builds on). */
export const stageOf = (dockerfile: Dockerfile, instruction: Instruction): Stage | undefined => dockerfile.stages.find((s) => s.instructions.includes(instruction));

/** `stage \`runtime\`` or `the last stage` / `stage 2`, for messages. */
export function stageName(dockerfile: Dockerfile, stage: Stage): string {
  if (stage.name) return `stage \`${stage.name}\``;
  return stage.index === dockerfile.stages.length - 1 ? 'the last stage' : `stage ${stage.index + 1}`;
}

/**
 * Resolves `$VAR`, `${VAR}` and `${VAR:-default}` from the build args, then ARG defaults in the
 * stage chain and before the first FROM. `undefined` when a variable has no value here.
 */
function expand(text: string, dockerfile: Dockerfile, stage: Stage, buildArgs: Record<string, string>): string | undefined {
  if (!text.includes('$')) return text;
  const defaults: Record<string, string> = { ...dockerfile.globalArgs };
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage, hops = 0; s && hops <= dockerfile.stages.length; s = s.parent === undefined ? undefined : dockerfile.stages[s.parent], hops++) chain.unshift(s);
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)[= ](.+)$/.exec(ins.args.trim());
      if (m) defaults[m[1]!] = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  let unresolved = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = buildArgs[name] ?? defaults[name] ?? fallback;
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  return unresolved ? undefined : out;
}

/** Targets that run `service` in `environment` (static sites and CI-only targets never run containers). */
export function targetsRunning(stack: Stack, service: Service, environment: string): TargetConfig[] {
  if (service.kind !== 'container') return [];
  return stack.targets.filter((t) => !NO_CONTAINERS.has(t.name) && t.environments.includes(environment) && (t.services === undefined || t.services.includes(service.name)));
}

/** Built-in targets that do not run app containers: Vercel hosts static sites, GitHub Actions runs CI. */
const NO_CONTAINERS = new Set(['vercel', 'github-actions']);
