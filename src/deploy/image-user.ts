// Who a service's process runs as (model.ts `ImageUser`): `user:` in stack.yaml wins; else the
// final USER of the Dockerfile stage the service runs, as a number, or as a name that the same
// Dockerfile creates with an explicit UID (`useradd -u 1000 app`, `adduser -u 1000 -D app`).
// Plugins read it today; Kubernetes' runAsUser and the non-root lint rules still decide it on their
// own (support/run-as.ts), and move here with the Kubernetes fidelity work (docs/architecture.md).
import { expandVariables, inherited, runStage, stageChain, type Dockerfile, type Stage } from '../dockerfile/dockerfile.js';
import { dockerfilePath, type DockerfileReader } from '../dockerfile/reader.js';
import type { Service } from '../model/stack.js';
import { splitUser } from '../model/user.js';
import type { ImageUser, UserSource } from './model.js';

const ROOT_NAMES = new Set(['0', 'root']);

const numeric = (s: string | undefined): number | undefined => (s !== undefined && /^[0-9]+$/.test(s) ? Number(s) : undefined);

export function imageUser(service: Service, dockerfile: DockerfileReader): ImageUser {
  if (service.user) {
    const from: UserSource = { kind: 'stack', text: service.user.text, at: service.origins.user ?? [...service.path, 'user'] };
    return classify(service.user.text, from, undefined, undefined);
  }
  if (!service.build) return { kind: 'unknown', from: service.image ? 'image' : 'none', reason: service.image ? `\`${service.image}\` runs as whatever user its image was built with, which stackc cannot see` : 'no image' };
  const file = dockerfile(service);
  if (!file) return { kind: 'unknown', from: 'dockerfile', reason: `${dockerfilePath(service.build)} could not be read` };
  const stage = runStage(file, service.build.target);
  if (!stage) return { kind: 'unknown', from: 'dockerfile', reason: `${file.file} has no FROM` };
  const instruction = inherited(file, stage, 'USER');
  if (!instruction) return { kind: 'root', from: { kind: 'dockerfile', text: '', file: file.file, line: stage.from.line }, reason: `the run stage of ${file.file} sets no USER, so the image runs as root unless its base image sets one` };
  const text = expandVariables(instruction.args.split(/\s+/)[0] ?? '', file, stage, service.build.args);
  if (!text) return { kind: 'unknown', from: 'dockerfile', reason: `USER \`${instruction.args}\` in ${file.file} names a build variable with no value here` };
  return classify(text, { kind: 'dockerfile', text, file: file.file, line: instruction.line }, file, stage);
}

function classify(text: string, from: UserSource, file: Dockerfile | undefined, stage: Stage | undefined): ImageUser {
  const { user, group } = splitUser(text);
  const where = from.kind === 'stack' ? `\`user: ${text}\`` : `USER ${text} in ${from.file}`;
  const gid = numeric(group) ?? (group !== undefined && file && stage ? createdId(file, stage, group, 'group') : undefined);
  const withGid = gid !== undefined ? { gid } : {};
  if (ROOT_NAMES.has(user)) return { kind: 'root', ...withGid, from, reason: `${where} is root` };
  const uid = numeric(user);
  if (uid !== undefined) return { kind: 'uid', uid, ...withGid, from, reason: where };
  const created = file && stage ? createdId(file, stage, user, 'user') : undefined;
  if (created !== undefined) return { kind: 'uid', uid: created, ...withGid, from, reason: `${where}, created with UID ${created} in ${file!.file}` };
  return { kind: 'name', name: user, ...withGid, from, reason: `${where} names a user stackc cannot turn into a UID` };
}

/**
 * The UID (or GID) a RUN line of the stage chain gives a user (group) name: `useradd -u 1000 app`,
 * `useradd --uid 1000 app`, `adduser -u 1000 -D app` (BusyBox), `groupadd -g 1000 app`.
 */
function createdId(file: Dockerfile, stage: Stage, name: string, kind: 'user' | 'group'): number | undefined {
  const commands = kind === 'user' ? /\b(?:useradd|adduser)\b/ : /\b(?:groupadd|addgroup)\b/;
  const flag = kind === 'user' ? /^(?:-u|--uid)(?:=(\d+))?$/ : /^(?:-g|--gid)(?:=(\d+))?$/;
  let found: number | undefined;
  for (const s of stageChain(file, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN' || !commands.test(ins.args)) continue;
      for (const command of ins.args.split(/&&|;|\|\|/)) {
        const words = command.trim().split(/\s+/);
        const at = words.findIndex((w) => commands.test(w));
        if (at < 0) continue;
        const args = words.slice(at + 1);
        if (args.at(-1) !== name) continue;
        for (let i = 0; i < args.length; i++) {
          const m = flag.exec(args[i]!);
          if (!m) continue;
          const value = numeric(m[1] ?? args[i + 1]);
          if (value !== undefined) found = value;
        }
      }
    }
  }
  return found;
}
