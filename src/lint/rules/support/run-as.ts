// How the security rules (non-root-user, privileged-port) point at and name who a service runs as:
// the deployment model decides it (DeployedService.runAs, src/deploy/image-user.ts); this says
// where it was written, for a finding's location and message.
import type { UserSource } from '../../../deploy/model.js';
import type { FindingInput } from '../../rule.js';

type DockerfileSource = Extract<UserSource, { kind: 'dockerfile' }>;

/** `stage \`runtime\`` or `the last stage` / `stage 2`, for messages. */
export function stageName(runStage: DockerfileSource['runStage']): string {
  if (runStage.name) return `stage \`${runStage.name}\``;
  return runStage.last ? 'the last stage' : `stage ${runStage.index + 1}`;
}

/** The Dockerfile instruction that decided: the USER, or the run stage's FROM when none sets one. */
export function dockerfileAt(from: DockerfileSource): FindingInput['at'] {
  const { file, line, col, endLine, endCol } = from;
  return { file, line, col, endLine, endCol, pointer: from.text ? `FROM[${from.stage}]/USER` : `FROM[${from.stage}]` };
}

/** `\`user: 1000\``, `\`USER app\` in api/Dockerfile`, `the image's own user`: who the message names. */
export function whoSaid(from: UserSource): string {
  if (from.kind === 'stack') return `\`user: ${from.text}\``;
  if (from.kind === 'dockerfile') return from.text ? `\`USER ${from.text}\` in ${from.file}` : `the base image of ${from.file}`;
  return `\`${from.image}\`'s own user`;
}
