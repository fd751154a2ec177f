// Who a service's process runs as, and where that was decided: stack.yaml's `user`, the USER of the
// Dockerfile stage it runs, or nobody (a plain image with no `user` runs as the image's default,
// which is root for almost every image). Shared by the security rules (non-root-user, privileged-port).
import { splitUser } from '../../../model/user.js';
import type { DataPath, Service } from '../../../model/stack.js';
import type { RuleContext } from '../../rule.js';
import { expandVariables, inherited, runStage, type Dockerfile, type Instruction, type Stage } from '../../../dockerfile/dockerfile.js';

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
  const text = expandVariables(instruction.args.split(/\s+/)[0] ?? '', dockerfile, stage, service.build.args);
  if (text === undefined || text === '') return { source: 'unknown' };
  const { user, group } = splitUser(text);
  return { source: 'dockerfile', dockerfile, stage, instruction, text, rootUser: ROOT.has(user), rootGroup: group !== undefined && ROOT.has(group) };
}

/** The stage an instruction belongs to (USER may come from a stage the run stage builds on). */
export const stageOf = (dockerfile: Dockerfile, instruction: Instruction): Stage | undefined => dockerfile.stages.find((s) => s.instructions.includes(instruction));

/** `stage \`runtime\`` or `the last stage` / `stage 2`, for messages. */
export function stageName(dockerfile: Dockerfile, stage: Stage): string {
  if (stage.name) return `stage \`${stage.name}\``;
  return stage.index === dockerfile.stages.length - 1 ? 'the last stage' : `stage ${stage.index + 1}`;
}
