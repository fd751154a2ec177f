// Who a service's process runs as (model.ts `ImageUser`): `user:` in stack.yaml wins; else the
// final USER of the Dockerfile stage the service runs, as a number, or as a name that the same
// Dockerfile creates with an explicit UID (`useradd -u 1000 app`, `adduser -u 1000 -D app`) or that
// its well-known base image has (`node`); else what a well-known image runs as by itself
// (src/vocabulary/image-users.ts). Kubernetes' runAsUser and the non-root lint rules read it.
import { expandVariables, inherited, runStage, stageChain, type Dockerfile, type Instruction, type Stage } from '../dockerfile/dockerfile.js';
import { dockerfilePath, type DockerfileReader } from '../dockerfile/reader.js';
import type { Resource, Service } from '../model/stack.js';
import { splitUser } from '../model/user.js';
import { knownImageUsers, type ImageUsers } from '../vocabulary/image-users.js';
import type { ImageUser, UserSource } from './model.js';

const ROOT_NAMES = new Set(['0', 'root']);

const numeric = (s: string | undefined): number | undefined => (s !== undefined && /^[0-9]+$/.test(s) ? Number(s) : undefined);

/** Turns a user or group name into its ID, where the Dockerfile or the image list says. */
interface Names {
  id(name: string, kind: 'user' | 'group'): number | undefined;
  /** The primary group of a named user, when its creation or the image list says. */
  primaryGroup(name: string): number | undefined;
  /** Where the name was found, for the reason. */
  where(name: string): string;
}

export function imageUser(service: Service, dockerfile: DockerfileReader): ImageUser {
  const file = service.build ? dockerfile(service) : undefined;
  const stage = file && service.build ? runStage(file, service.build.target) : undefined;
  const base = file && stage ? baseImage(file, stage, service.build!.args) : service.build ? undefined : service.image;
  const known = base !== undefined ? knownImageUsers(base) : undefined;
  if (service.user) {
    const from: UserSource = { kind: 'stack', text: service.user.text, at: service.origins.user ?? [...service.path, 'user'] };
    const user = classify(service.user.text, from, names(file, stage, known));
    return user.kind === 'root' && known?.instead ? { ...user, instead: known.instead } : user;
  }
  if (!service.build) {
    if (!service.image) return { kind: 'unknown', from: 'none', reason: 'no image' };
    if (known) return ownUser(known, { kind: 'image', image: service.image, at: service.origins.image ?? [...service.path, 'image'] }, `\`${service.image}\``);
    return { kind: 'unknown', from: 'image', reason: `\`${service.image}\` runs as whatever user its image was built with, which stackc cannot see` };
  }
  if (!file) return { kind: 'unknown', from: 'dockerfile', reason: `${dockerfilePath(service.build)} could not be read` };
  if (!stage) return { kind: 'unknown', from: 'dockerfile', reason: `${file.file} has no FROM` };
  const instruction = inherited(file, stage, 'USER');
  if (!instruction) {
    const from = source(file, stage, stage.from, stage, '');
    if (known) return ownUser(known, from, `the run stage of ${file.file} sets no USER, and its base image \`${base}\``);
    return { kind: 'root', from, reason: `the run stage of ${file.file} sets no USER, so the image runs as root unless its base image sets one` };
  }
  const text = expandVariables(instruction.args.split(/\s+/)[0] ?? '', file, stage, service.build.args);
  if (!text) return { kind: 'unknown', from: 'dockerfile', reason: `USER \`${instruction.args}\` in ${file.file} names a build variable with no value here` };
  const owner = file.stages.find((s) => s.instructions.includes(instruction)) ?? stage;
  return classify(text, source(file, stage, instruction, owner, text), names(file, stage, known));
}

/**
 * Who a container resource's image runs as: its `user:`, else what a well-known image runs as by
 * itself, else unknown (Kubernetes then asks only for non-root, which the kubelet checks).
 */
export function containerResourceUser(resource: Resource): ImageUser {
  const known = knownImageUsers(resource.image);
  const user = resource.container?.user;
  if (user !== undefined) return classify(user, { kind: 'stack', text: user, at: resource.origins.user ?? [...resource.path, 'user'] }, names(undefined, undefined, known));
  if (known) return ownUser(known, { kind: 'image', image: resource.image, at: resource.origins.image ?? [...resource.path, 'image'] }, `\`${resource.image}\``);
  return { kind: 'unknown', from: 'image', reason: `\`${resource.image}\` runs as whatever user its image was built with, which stackc cannot see` };
}

function source(file: Dockerfile, run: Stage, instruction: Instruction, owner: Stage, text: string): UserSource {
  const { line, col, endLine, endCol } = instruction;
  const runStage = { index: run.index, ...(run.name ? { name: run.name } : {}), last: run.index === file.stages.length - 1 };
  return { kind: 'dockerfile', text, file: file.file, line, col, endLine, endCol, stage: owner.index, runStage };
}

/** The image the run stage's chain starts from (`FROM node:22 AS base` … `FROM base`), variables expanded. */
function baseImage(file: Dockerfile, stage: Stage, args: Record<string, string>): string | undefined {
  const first = stageChain(file, stage)[0]!;
  return expandVariables(first.image, file, first, args) || undefined;
}

/** What a well-known image runs as by itself. */
function ownUser(known: ImageUsers, from: UserSource, what: string): ImageUser {
  if (known.runs === 'root') return { kind: 'root', from, reason: `${what} runs as root (${known.docs})`, ...(known.instead ? { instead: known.instead } : {}) };
  return { kind: 'uid', uid: known.runs.uid, gid: known.runs.gid, from, reason: `${what} runs as UID ${known.runs.uid} (${known.docs})` };
}

function classify(text: string, from: UserSource, names: Names): ImageUser {
  const { user, group } = splitUser(text);
  const where = from.kind === 'stack' ? `\`user: ${text}\`` : `USER ${text} in ${from.kind === 'dockerfile' ? from.file : from.image}`;
  const gid = group !== undefined && ROOT_NAMES.has(group) ? 0 : (numeric(group) ?? (group !== undefined ? names.id(group, 'group') : undefined));
  if (ROOT_NAMES.has(user)) return { kind: 'root', ...(gid !== undefined ? { gid } : {}), from, reason: `${where} is root` };
  const uid = numeric(user);
  if (uid !== undefined) return { kind: 'uid', uid, ...(gid !== undefined ? { gid } : {}), from, reason: where };
  const created = names.id(user, 'user');
  if (created === undefined) return { kind: 'name', name: user, ...(gid !== undefined ? { gid } : {}), from, reason: `${where} names a user stackc cannot turn into a UID` };
  const primary = group === undefined ? names.primaryGroup(user) : gid;
  return { kind: 'uid', uid: created, ...(primary !== undefined ? { gid: primary } : {}), from, reason: `${where}, ${names.where(user)} with UID ${created}` };
}

/** Names the Dockerfile's RUN lines create, then the users of the well-known base image. */
function names(file: Dockerfile | undefined, stage: Stage | undefined, known: ImageUsers | undefined): Names {
  const created = (name: string, kind: 'user' | 'group') => (file && stage ? createdId(file, stage, name, kind) : undefined);
  return {
    id: (name, kind) => created(name, kind) ?? (kind === 'user' ? known?.users[name]?.uid : known?.users[name]?.gid),
    primaryGroup(name) {
      if (created(name, 'user') === undefined) return known?.users[name]?.gid;
      const g = file && stage ? creation(file, stage, name, 'user')?.group : undefined;
      return g === undefined ? undefined : (numeric(g) ?? created(g, 'group'));
    },
    where: (name) => (created(name, 'user') !== undefined ? `created in ${file!.file}` : `a user of the base image \`${known!.image}\``),
  };
}

const createdId = (file: Dockerfile, stage: Stage, name: string, kind: 'user' | 'group'): number | undefined => creation(file, stage, name, kind)?.id;

/**
 * The last RUN command of the stage chain that creates a user (group) name with an explicit ID:
 * `useradd -u 1000 app`, `useradd --uid 1000 -g app app`, `adduser -u 1000 -G app -D app` (BusyBox),
 * `groupadd -g 1000 app`; with the primary group a user command names (`-g`/`--gid`, BusyBox `-G`).
 */
function creation(file: Dockerfile, stage: Stage, name: string, kind: 'user' | 'group'): { id: number; group?: string } | undefined {
  const commands = kind === 'user' ? /\b(?:useradd|adduser)\b/ : /\b(?:groupadd|addgroup)\b/;
  const flag = kind === 'user' ? /^(?:-u|--uid)(?:=(\d+))?$/ : /^(?:-g|--gid)(?:=(\d+))?$/;
  let found: { id: number; group?: string } | undefined;
  for (const s of stageChain(file, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN' || !commands.test(ins.args)) continue;
      for (const command of ins.args.split(/&&|;|\|\|/)) {
        const words = command.trim().split(/\s+/);
        const at = words.findIndex((w) => commands.test(w));
        if (at < 0) continue;
        const args = words.slice(at + 1);
        if (args.at(-1) !== name) continue;
        // useradd's `-G` lists supplementary groups; adduser's (BusyBox) is the primary one.
        const groupFlag = /adduser$/.test(words[at]!) ? /^(?:-G|--gid|--ingroup)(?:=(.+))?$/ : /^(?:-g|--gid)(?:=(.+))?$/;
        let id: number | undefined;
        let group: string | undefined;
        for (let i = 0; i < args.length - 1; i++) {
          const m = flag.exec(args[i]!);
          if (m) id = numeric(m[1] ?? args[i + 1]) ?? id;
          const g = kind === 'user' ? groupFlag.exec(args[i]!) : null;
          if (g) group = g[1] ?? args[i + 1];
        }
        if (id !== undefined) found = { id, ...(group !== undefined ? { group } : {}) };
      }
    }
  }
  return found;
}
