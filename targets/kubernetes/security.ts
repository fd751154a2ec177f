// Pod and container security contexts: what kube-linter, Checkov and the `restricted` Pod Security
// Standard ask for — non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp,
// read-only root file system when the stack says so. Who the pod runs as is the model's `runAs`.
import type { ImageUser } from '../../src/deploy/model.js';

export interface PodSecurity {
  runAsNonRoot: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  fsGroupChangePolicy?: 'OnRootMismatch';
  seccompProfile: { type: 'RuntimeDefault' };
}

/** `user: 0` or `user: root` in stack.yaml: root on purpose, the one way a pod here runs as root. */
export const isRootOnPurpose = (runAs: ImageUser): boolean => runAs.kind === 'root' && runAs.from.kind === 'stack';

/**
 * What an image that starts as root needs to set itself up and drop to its own user (the nginx and
 * httpd masters, entrypoints that `chown` a volume then `gosu`/`su-exec`): change file owners and
 * read or write files it does not own, switch user and group, signal its workers, bind ports below
 * 1024. Docker's default set minus what none of them needs (MKNOD, NET_RAW, SETFCAP, SETPCAP,
 * SYS_CHROOT, AUDIT_WRITE, FSETID); all within the `baseline` Pod Security Standard.
 */
export const ROOT_CAPABILITIES: readonly string[] = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'];

export function podSecurityContext(runAs: ImageUser): PodSecurity {
  const seccompProfile = { type: 'RuntimeDefault' } as const;
  if (isRootOnPurpose(runAs)) return { runAsNonRoot: false, runAsUser: 0, ...(runAs.kind === 'root' && runAs.gid !== undefined ? { runAsGroup: runAs.gid } : {}), seccompProfile };
  // A name, or a user stackc cannot know: the kubelet starts the pod only if the image's USER is a
  // non-root number (the build said so where it could).
  if (runAs.kind !== 'uid') return { runAsNonRoot: true, seccompProfile };
  // Without a group the process would keep the image's primary group for the UID, GID 0 when the
  // image has no such user: the UID doubles as the group, as `useradd` gives a user its own group.
  const gid = runAs.gid ?? runAs.uid;
  return {
    runAsNonRoot: true,
    runAsUser: runAs.uid,
    runAsGroup: gid,
    // Volumes are made writable for this group; OnRootMismatch skips the slow recursive chown
    // on every start of a large volume.
    fsGroup: gid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile,
  };
}

export function containerSecurityContext(readOnlyRootFilesystem: boolean, runAs: ImageUser) {
  // No escalation even as root: setuid binaries gain nothing beyond what the pod already holds.
  const capabilities = isRootOnPurpose(runAs) ? { drop: ['ALL'], add: [...ROOT_CAPABILITIES] } : { drop: ['ALL'] };
  return { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem, capabilities };
}
